"""Build self-checks: a failed check stops the build before anything is written."""


class CheckFailed(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise CheckFailed(msg)
