"""Extension points: how a package lets the packages above it take part without importing them.

A package declares the name of a hook (a constant in its ``hooks.py``, saying what is passed and
what is answered); the factory (``marketplace.register_hooks``) registers the functions of the
packages above it; the package calls ``each`` or ``one``. Hooks are kept per application.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask

from marketplace.config import adapter


def register(app: Flask, name: str, receiver: Callable[..., Any]) -> None:
    receivers = app.extensions.setdefault("hooks", {}).setdefault(name, [])
    if receiver not in receivers:
        receivers.append(receiver)


def _receivers(name: str) -> list[Callable[..., Any]]:
    return (adapter("hooks") or {}).get(name, [])


def each(name: str, **kwargs: Any) -> list[Any]:
    """Call every function registered for the hook, in order; their answers."""
    return [receiver(**kwargs) for receiver in _receivers(name)]


def one(name: str, **kwargs: Any) -> Any:
    """Call the one function registered for the hook (a wiring mistake if there is none)."""
    receivers = _receivers(name)
    if len(receivers) != 1:
        raise LookupError(f"hook {name!r} needs exactly one function, has {len(receivers)}")
    return receivers[0](**kwargs)
