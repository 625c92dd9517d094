"""The shared ONNX encoder: token ids in, token hidden states out."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import onnxruntime as ort

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np

    from empathic.nlp.encoding import EncodedBatch

THREADS_ENV = "EMPATHIC_NLP_THREADS"
SPIN_ENV = "EMPATHIC_NLP_SPIN"


def default_threads() -> int:
    """EMPATHIC_NLP_THREADS if set, else the usable cores capped at 4 (little gain beyond)."""
    configured = os.environ.get(THREADS_ENV, "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, min(4, len(os.sched_getaffinity(0))))


class OnnxEncoder:
    def __init__(self, path: Path, threads: int | None = None) -> None:
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or default_threads()
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Busy-waiting threads score ~1.3x faster on 2 cores (onnxruntime's default) but burn CPU
        # between calls; EMPATHIC_NLP_SPIN=0 gives the cores back to a web server sharing them.
        spin = "0" if os.environ.get(SPIN_ENV, "1").strip() == "0" else "1"
        options.add_session_config_entry("session.intra_op.allow_spinning", spin)
        self.session = ort.InferenceSession(
            str(path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self.input_names = {i.name for i in self.session.get_inputs()}
        self.hidden_size = int(self.session.get_outputs()[0].shape[-1])

    def hidden_states(self, batch: EncodedBatch) -> np.ndarray:
        """(batch, seq, dim) float32 hidden states of the last layer."""
        feeds = {
            "input_ids": batch.input_ids,
            "attention_mask": batch.attention_mask,
            "token_type_ids": batch.token_type_ids,
        }
        feeds = {name: value for name, value in feeds.items() if name in self.input_names}
        return self.session.run(None, feeds)[0]
