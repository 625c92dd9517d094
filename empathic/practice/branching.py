"""How the trainee's answer steers the simulated client, and the rules a scenario graph obeys.

Both are plain Python over plain data, shared by the JSON library loader and browser authoring.

Response kinds, from the answer's concerns, EPITOME levels and (when the MI layer is present) its
MI code, first match wins:

- ``dismissive`` when the answer has a concern (blaming, commanding, minimising, ...; see
  empathic.nlp.concerns): "Please don't shout at me, there's a process" is not heard as empathy
  whatever its levels, so the client becomes guarded or escalates as the scenario is authored.
- ``exploring``: an open question, a strong exploration (ex 2), or a weak one (ex 1) that the
  MI layer does not read as a closed question: the client tells more. "Do you have the notice
  with you?" asks for a fact, not for the client's experience.
- ``empathic``: an emotional reaction or an interpretation (er >= 1 or ip >= 1).
- ``dismissive``: advice or information with no empathy (the MI code says advice/information,
  or the support-strategy head says "Providing Suggestions": two heads trained on different
  corpora, so a short "You should..." the MI head misreads as a reflection is still advice), or
  no empathy at all and no question or reflection: the client becomes guarded or escalates.
- ``neutral``: no empathy, but a question or a reflection the MI layer recognised.

A node's ``branches`` map kinds to the next node; ``default`` is followed for a kind the node
does not name, so every non-final node needs one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

KINDS = ("exploring", "empathic", "dismissive", "neutral")
BRANCH_KEYS = (*KINDS, "default")
ADVICE_CODES = frozenset({"advice", "information"})
ADVICE_STRATEGIES = frozenset({"Providing Suggestions"})
NEUTRAL_CODES = frozenset({"closed_question", "simple_reflection", "complex_reflection"})
MAX_ANSWERS = 20
"""A session ends after this many answers even if an authored graph has a loop."""

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def response_kind(
    levels: Mapping[str, int],
    mi_code: str = "",
    strategy: str = "",
    concerns: Sequence[object] = (),
) -> str:
    if concerns:  # read first: a harmful answer is never "empathic" or "exploring"
        return "dismissive"
    ex = levels.get("ex", 0)
    # A closed question asks for a fact or a yes, not for the client's story: weak exploration
    # from one (spoken_levels caps a plainly closed one at 1) does not open the client up.
    if mi_code == "open_question" or ex >= 2 or (ex == 1 and mi_code != "closed_question"):
        return "exploring"
    if levels.get("er", 0) >= 1 or levels.get("ip", 0) >= 1:
        return "empathic"
    if mi_code in ADVICE_CODES or strategy in ADVICE_STRATEGIES:
        return "dismissive"
    if mi_code in NEUTRAL_CODES:
        return "neutral"
    return "dismissive"


def next_key(branches: Mapping[str, str], kind: str) -> str:
    return branches.get(kind) or branches["default"]


@dataclass(frozen=True)
class NodeData:
    key: str
    client_text: str
    mood: str
    is_end: bool
    branches: Mapping[str, str]


def validate_graph(start: str, nodes: Iterable[NodeData], moods: Iterable[str] = ()) -> list[str]:
    """Every problem with a scenario graph, as sentences for the author; [] when it is sound.

    Rules: keys are unique slugs; the first turn exists; every node that does not end has a
    ``default`` next step and only known kinds; every branch leads to an existing node; every
    node is reachable from the first; from every node an end can be reached.
    """
    nodes = list(nodes)
    errors: list[str] = []
    if not nodes:
        return [_("A scenario needs at least one client turn.")]
    by_key: dict[str, NodeData] = {}
    for node in nodes:
        if not KEY_RE.match(node.key):
            errors.append(
                _("“%(key)s” is not a valid key: use lower-case letters, digits, - and _.")
                % {"key": node.key}
            )
        if node.key in by_key:
            errors.append(_("Two client turns share the key “%(key)s”.") % {"key": node.key})
        by_key[node.key] = node
        if not node.client_text.strip():
            errors.append(_("Client turn “%(key)s” has no text.") % {"key": node.key})
        moods = tuple(moods)
        if moods and node.mood not in moods:
            errors.append(_("Client turn “%(key)s” has an unknown mood.") % {"key": node.key})
    if start not in by_key:
        errors.append(_("The first client turn “%(key)s” does not exist.") % {"key": start})
        return errors
    for node in nodes:
        unknown = sorted(set(node.branches) - set(BRANCH_KEYS))
        if unknown:
            errors.append(
                _("Client turn “%(key)s” has unknown answer kinds: %(kinds)s.")
                % {"key": node.key, "kinds": ", ".join(unknown)}
            )
        if node.is_end:
            if any(node.branches.values()):
                errors.append(
                    _("Client turn “%(key)s” ends the conversation but also has next steps.")
                    % {"key": node.key}
                )
            continue
        if not node.branches.get("default"):
            errors.append(
                _(
                    "Client turn “%(key)s” has no next step: give it a default next turn "
                    "or make it an end."
                )
                % {"key": node.key}
            )
        for kind, target in node.branches.items():
            if target and target not in by_key:
                errors.append(
                    _(
                        "Client turn “%(key)s” leads to “%(target)s” (%(kind)s), "
                        "which does not exist."
                    )
                    % {"key": node.key, "target": target, "kind": kind}
                )
    if errors:
        return errors

    def successors(key: str) -> set[str]:
        return {t for t in by_key[key].branches.values() if t}

    reachable, todo = {start}, [start]
    while todo:
        for target in successors(todo.pop()) - reachable:
            reachable.add(target)
            todo.append(target)
    for node in nodes:
        if node.key not in reachable:
            errors.append(
                _("Client turn “%(key)s” can never be reached from the first turn.")
                % {"key": node.key}
            )
    # Nodes from which an end can be reached: grow backwards from the ends.
    can_end = {n.key for n in nodes if n.is_end}
    changed = True
    while changed:
        changed = False
        for node in nodes:
            if node.key not in can_end and successors(node.key) & can_end:
                can_end.add(node.key)
                changed = True
    if not any(n.is_end for n in nodes):
        errors.append(_("No client turn ends the conversation."))
    else:
        for node in nodes:
            if node.key not in can_end:
                errors.append(
                    _("From client turn “%(key)s” the conversation can never end.")
                    % {"key": node.key}
                )
    return errors


def main_path(start: str, nodes: Iterable[NodeData], kind: str = "exploring") -> list[str]:
    """The keys visited when every answer is of ``kind`` (stops at an end or a repeat)."""
    by_key = {n.key: n for n in nodes}
    path, key = [], start
    while key in by_key and key not in path:
        path.append(key)
        node = by_key[key]
        if node.is_end:
            break
        key = next_key(node.branches, kind)
    return path
