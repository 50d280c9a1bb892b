"""factory_boy factories shared by every app's tests."""

import factory

from grassroots.core.scope import Role
from grassroots.orgs.models import Membership, Organization, OrganizationKind
from grassroots.people.models import (
    Person,
    PersonKind,
    ServiceTeam,
    ServiceTeamMember,
    TeamSeat,
    User,
)
from grassroots.places.models import Division, DivisionLevel, Grid

PASSWORD = "demo-Pass-2026"


class DivisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Division
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"3708289{n:05d}")
    name = factory.Sequence(lambda n: f"区划{n}")
    level = DivisionLevel.VILLAGE


class GridFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grid

    code = factory.Sequence(lambda n: f"G{n:05d}")
    name = factory.Sequence(lambda n: f"第{n}网格")
    division = factory.SubFactory(DivisionFactory)
    households = 120


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"单位{n}")
    code = factory.Sequence(lambda n: f"ORG{n:04d}")
    kind = OrganizationKind.DEPARTMENT
    is_handling_unit = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"张{n}")
    kind = PersonKind.CADRE
    user = factory.SubFactory(UserFactory)

    @factory.post_generation
    def phone_number(obj, create, extracted, **kwargs):
        obj.set_phone(extracted or f"138{obj.pk or 0:08d}"[:11])
        if create:
            obj.save(update_fields=["phone", "phone_hash", "phone_masked"])


def make_member(*, username, organization, role, name=None, kind=PersonKind.CADRE) -> User:
    person = PersonFactory(user__username=username, name=name or username, kind=kind)
    if organization is not None:
        Membership.objects.create(person=person, organization=organization, role=role)
    return person.user


def make_secretary(*, username, grid, organization=None, seat=TeamSeat.TOWN_CADRE) -> User:
    person = PersonFactory(user__username=username, name=username)
    team, _ = ServiceTeam.objects.get_or_create(grid=grid, defaults={"name": f"{grid.name}服务队"})
    ServiceTeamMember.objects.create(team=team, person=person, seat=seat, organization=organization)
    return person.user


__all__ = [
    "DivisionFactory", "GridFactory", "OrganizationFactory", "UserFactory", "PersonFactory",
    "make_member", "make_secretary", "Role", "PASSWORD",
]
