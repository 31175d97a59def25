"""What each person sees in the navigation and on their start page: a registry the apps fill in.

core/ imports no domain app. Each app registers, from its ``AppConfig.ready()``, small functions that
say what it offers a person (a menu entry, a "what you can do next" card, a link on an organisation's
menu). The layout and the start page only ask this registry.

- ``register_navigation(provider, section=...)``: ``provider(request) -> list[NavItem]``, top-level entries.
- ``register_organisation_links(provider, order=...)``: ``provider(request, membership) -> list[NavItem]``,
  the entries under one organisation in the menu and on its page (``membership`` is whatever the
  registered ``organisations_of`` returns: accounts' ``OrganisationMembership``).
- ``register_platform_links(provider, order=...)``: ``provider(request) -> list[NavItem]``, the entries
  under "Platform" for the region's administrators.
- ``register_next_steps(provider, order=...)`` and ``register_organisation_steps(provider, order=...)``:
  the same for the start page's cards.
- ``register_organisations_of(provider)``: ``provider(request) -> list[membership]`` (accounts).
- ``register_context(provider)``: ``provider(request) -> dict`` merged into every template's context.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

# Sections of the main menu, left to right.
START = 10
PERSONAL = 20
PLATFORM = 30
REVIEW = 40
ORGANISATIONS = 50
PUBLIC = 90

# Kinds of organisation entries: a main link is shown on the organisation's page as a button, an
# "advanced" one (API tokens, signing keys) behind an "Advanced" disclosure there.
MAIN = "main"
ADVANCED = "advanced"


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    children: tuple[NavItem, ...] = ()
    kind: str = MAIN


@dataclass(frozen=True)
class NextStep:
    title: str
    text: str
    url: str
    action: str
    method: str = "get"
    # A prominent step is a card with a button; the others are listed as plain links below the cards.
    prominent: bool = True


NavProvider = Callable[[HttpRequest], list[NavItem]]
OrganisationLinkProvider = Callable[[HttpRequest, Any], list[NavItem]]
StepProvider = Callable[[HttpRequest], list[NextStep]]
OrganisationStepProvider = Callable[[HttpRequest, Any], list[NextStep]]

_navigation: list[tuple[int, int, NavProvider]] = []
_organisation_links: list[tuple[int, int, OrganisationLinkProvider]] = []
_platform_links: list[tuple[int, int, NavProvider]] = []
_next_steps: list[tuple[int, int, StepProvider]] = []
_organisation_steps: list[tuple[int, int, OrganisationStepProvider]] = []
_context: list[Callable[[HttpRequest], dict[str, Any]]] = []
_organisations_of: list[Callable[[HttpRequest], list[Any]]] = []


def _add(registry: list, order: int, provider: Callable) -> None:
    if any(existing is provider for _order, _n, existing in registry):
        return  # ready() may run twice in tests; register once
    registry.append((order, len(registry), provider))
    registry.sort(key=lambda entry: (entry[0], entry[1]))


def register_navigation(provider: NavProvider, *, section: int) -> None:
    _add(_navigation, section, provider)


def register_organisation_links(provider: OrganisationLinkProvider, *, order: int) -> None:
    _add(_organisation_links, order, provider)


def register_platform_links(provider: NavProvider, *, order: int) -> None:
    _add(_platform_links, order, provider)


def register_next_steps(provider: StepProvider, *, order: int) -> None:
    """Steps with ``order`` below ORGANISATIONS come before the per-organisation ones, the rest after."""
    _add(_next_steps, order, provider)


def register_organisation_steps(provider: OrganisationStepProvider, *, order: int) -> None:
    _add(_organisation_steps, order, provider)


def register_context(provider: Callable[[HttpRequest], dict[str, Any]]) -> None:
    if provider not in _context:
        _context.append(provider)


def register_organisations_of(provider: Callable[[HttpRequest], list[Any]]) -> None:
    if provider not in _organisations_of:
        _organisations_of.append(provider)


def organisations_of(request: HttpRequest) -> list[Any]:
    if not request.user.is_authenticated:
        return []
    return [entry for provider in _organisations_of for entry in provider(request)]


def organisation_links(request: HttpRequest, membership: Any) -> list[NavItem]:
    return [item for _o, _n, provider in _organisation_links for item in provider(request, membership)]


def platform_links(request: HttpRequest) -> list[NavItem]:
    return [item for _o, _n, provider in _platform_links for item in provider(request)]


def navigation_for(request: HttpRequest) -> list[NavItem]:
    return [item for _o, _n, provider in _navigation for item in provider(request)]


def next_steps_for(request: HttpRequest) -> list[NextStep]:
    steps: list[NextStep] = []
    for _order, _n, provider in (entry for entry in _next_steps if entry[0] < ORGANISATIONS):
        steps.extend(provider(request))
    for membership in organisations_of(request):
        for _order, _n, org_provider in _organisation_steps:
            steps.extend(org_provider(request, membership))
    for _order, _n, provider in (entry for entry in _next_steps if entry[0] >= ORGANISATIONS):
        steps.extend(provider(request))
    return steps


def extra_context(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for provider in _context:
        context.update(provider(request))
    return context
