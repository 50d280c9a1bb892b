from django.core.management.base import BaseCommand

from grassroots.workcal.seeding import package_years
from grassroots.workcal.services import calendar_seed_from_package


class Command(BaseCommand):
    help = "Store China's statutory holidays and adjusted workdays from the chinesecalendar package."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", dest="years",
                            help="Only this year (repeatable). Default: every year the package knows.")

    def handle(self, *args, years=None, **options):
        known = package_years()
        if years:
            unknown = sorted(set(years) - set(known))
            if unknown:
                self.stderr.write(f"The installed package has no data for {unknown}; "
                                  f"it covers {known[0]}-{known[-1]}.")
        results = calendar_seed_from_package(actor=None, years=years)
        changed = [r for r in results if r.changed]
        for r in changed:
            self.stdout.write(f"{r.year}: {r.created} created, {r.updated} updated, "
                              f"{r.deleted} removed"
                              + (f", {len(r.kept_admin)} kept (edited by an administrator)"
                                 if r.kept_admin else ""))
        self.stdout.write(self.style.SUCCESS(
            f"Calendar seeded: {len(results)} years checked, {len(changed)} changed."))
