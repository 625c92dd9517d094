"""Alliance signals: where a client turns against the practitioner or the service
(confrontation) or pulls out of the conversation (withdrawal), with the phrase that carries each,
and the practitioner phrases that repair it (Django-free, like the rest of the scoring engine).

    from empathic.nlp.alliance import detect_alliance_signals, detect_repair_moves
    detect_alliance_signals("Whatever.", earlier_words=[18, 22, 15])
    detect_repair_moves("You're right, I jumped ahead. I'm sorry.")

The sequence (a shift from the client's earlier turns, the trigger, the repair) is read by
`empathic.analysis.ruptures`; this package reads one turn at a time.
"""

from empathic.nlp.alliance.detector import (
    KINDS,
    MODEL,
    SIGNAL_THRESHOLD,
    AllianceSignal,
    HeadReadings,
    RepairMove,
    detect_alliance_signals,
    detect_repair_moves,
)

__all__ = [
    "KINDS",
    "MODEL",
    "SIGNAL_THRESHOLD",
    "AllianceSignal",
    "HeadReadings",
    "RepairMove",
    "detect_alliance_signals",
    "detect_repair_moves",
]
