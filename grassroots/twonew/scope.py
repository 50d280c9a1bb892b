"""What the two-new records add to a user's scope (registered in TwonewConfig.ready): a park's
officer sees and manages his park (``twonew_park``, ``twonew_park_manage``); a centre manager
sees his park and runs its centre (``twonew_centre``); an instructor sees only the organisations
assigned to him (``twonew_org``); a lecturer gets his role. One query (a UNION) per user."""

from django.db.models import CharField, IntegerField, Value

from .roles import TwoNewRole

DIMENSIONS = ("twonew_park", "twonew_park_manage", "twonew_centre", "twonew_org")


def twonew_scope(user, person):
    from .models import Instructor, Lecturer, ParkStaff, TwoNewOrg

    def tagged(qs, id_field, tag):
        return qs.values_list(id_field, Value(tag, output_field=CharField()))

    zero = Value(0, output_field=IntegerField())
    rows = (ParkStaff.objects.filter(person=person, is_active=True).order_by()
            .values_list("park_id", "role")
            .union(tagged(TwoNewOrg.objects.filter(instructor__person=person,
                                                   instructor__is_active=True).order_by(),
                          "pk", "org"),
                   Instructor.objects.filter(person=person, is_active=True).order_by()
                   .values_list(zero, Value("instructor", output_field=CharField())),
                   Lecturer.objects.filter(person=person, is_active=True).order_by()
                   .values_list(zero, Value("lecturer", output_field=CharField())),
                   all=True))
    roles, dims = set(), {name: set() for name in DIMENSIONS}
    for pk, tag in rows:
        if tag == "officer":
            roles.add(TwoNewRole.PARK_OFFICER)
            dims["twonew_park"].add(pk)
            dims["twonew_park_manage"].add(pk)
        elif tag == "centre_manager":
            roles.add(TwoNewRole.CENTRE_MANAGER)
            dims["twonew_park"].add(pk)
            dims["twonew_centre"].add(pk)
        elif tag == "org":
            dims["twonew_org"].add(pk)
        elif tag == "instructor":
            roles.add(TwoNewRole.INSTRUCTOR)
        elif tag == "lecturer":
            roles.add(TwoNewRole.LECTURER)
    return roles, dims
