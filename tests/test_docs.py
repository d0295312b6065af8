"""Documentation cannot be forgotten: every command and every NEWSARCHIVE_* setting is in the
README."""

from __future__ import annotations

import re

import click
import pytest

from newsarchive import settings
from newsarchive.cli import main
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    names = []
    for name, cmd in group.commands.items():
        full = f"{prefix}{name}"
        if isinstance(cmd, click.Group):
            names.extend(_commands(cmd, full + " "))
        else:
            names.append(full)
    return names


@pytest.mark.parametrize("command", _commands(main))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert re.search(rf"newsarchive {re.escape(command)}\b", README), command


@pytest.mark.parametrize("name", [n for n in dir(settings) if n.startswith("NEWSARCHIVE_")])
def test_every_setting_is_in_the_readme(name: str) -> None:
    assert f"`{name}`" in README, name


@pytest.mark.parametrize("command", _commands(main))
def test_every_command_has_help(command: str) -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(main, [*command.split(), "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
