"""Load the county's own map outlines (GeoJSON), replacing the generated schematic.

    python manage.py import_boundaries county.geojson --user admin

A FeatureCollection whose features name a division (12-digit code) or a grid (its code) in
``properties.code``. All features or none: any wrong feature is listed and nothing is stored.
"""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Store town/village/grid outlines from a GeoJSON FeatureCollection (all or none)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a .geojson / .json file")
        parser.add_argument("--user", required=True, help="the administrator doing the import")

    def handle(self, *args, path, user, **options):
        from grassroots.core.errors import ApplicationError
        from grassroots.places.boundaries import boundaries_import

        actor = get_user_model().objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"没有用户 {user}。")
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError) as e:
            raise CommandError(f"无法读取 {path}：{e}")
        try:
            result = boundaries_import(actor=actor, data=data)
        except ApplicationError as e:
            raise CommandError(str(e))
        if result.errors:
            raise CommandError("\n".join(result.errors))
        self.stdout.write(f"divisions {result.created['divisions']}, grids {result.created['grids']}")
