"""What the two national-format commands share: the acting user and the progress bar."""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def acting_user(username: str):
    """The command acts as a platform user, with that user's scope and rights (the county
    organisation department for a county's file)."""
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"用户不存在或已停用：{username}")
    return user


def add_common_arguments(parser) -> None:
    parser.add_argument("--user", required=True, help="以该用户的身份和范围办理（用户名）")
    parser.add_argument("--no-progress", action="store_true", help="不显示进度条")


class Bar:
    """A tqdm bar on stderr fed by ``progress(done, total)`` callbacks (rows)."""

    def __init__(self, desc: str, *, disable: bool):
        from tqdm import tqdm

        self.bar = tqdm(total=0, desc=desc, unit="行", file=sys.stderr, disable=disable,
                        dynamic_ncols=True)

    def __call__(self, done: int, total: int) -> None:
        if self.bar.total != total:
            self.bar.total = total
            self.bar.refresh()
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        self.bar.close()
