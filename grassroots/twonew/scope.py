"""What the two-new records add to a user's scope (registered in TwonewConfig.ready): a park's
officer sees and manages his park (``twonew_park``, ``twonew_park_manage``); a centre manager
sees his park and runs its centre (``twonew_centre``); an instructor sees only the organisations
assigned to him (``twonew_org``); a lecturer gets his role. Three small queries."""

from .roles import TwoNewRole

DIMENSIONS = ("twonew_park", "twonew_park_manage", "twonew_centre", "twonew_org")


def twonew_scope(user, person):
    from .models import Instructor, Lecturer, ParkStaff, TwoNewOrg
    from .models.registry import ParkStaffRole

    roles, dims = set(), {name: set() for name in DIMENSIONS}
    for park_id, role in ParkStaff.objects.filter(person=person, is_active=True).values_list(
            "park_id", "role"):
        dims["twonew_park"].add(park_id)
        if role == ParkStaffRole.OFFICER:
            roles.add(TwoNewRole.PARK_OFFICER)
            dims["twonew_park_manage"].add(park_id)
        else:
            roles.add(TwoNewRole.CENTRE_MANAGER)
            dims["twonew_centre"].add(park_id)
    if Instructor.objects.filter(person=person, is_active=True).exists():
        roles.add(TwoNewRole.INSTRUCTOR)
        dims["twonew_org"].update(TwoNewOrg.objects.filter(
            instructor__person=person).values_list("pk", flat=True))
    if Lecturer.objects.filter(person=person, is_active=True).exists():
        roles.add(TwoNewRole.LECTURER)
    return roles, dims
