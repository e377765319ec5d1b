"""Training recipe for quotetrack's compact offline English Stanza models.

This module drives Stanza's own trainers (``stanza.models.tokenizer``,
``mwt_expander``, ``tagger``, ``lemmatizer`` and ``parser``) through their
``main(args)`` functions; it re-implements none of them.  It only

* prepares the data in the work directory with Stanza's own preparation
  helpers (``stanza.utils.datasets``): EWT train + GUM CC-BY train concatenated
  (with Stanza's punctuation augmentation, as ``prepare_tokenizer_treebank``
  does for every UD train set), EWT dev for model selection;
* chooses compact, CPU-sized hyperparameters (no pretrained word vectors,
  no charlm, no transformer: nothing is downloaded);
* retags train and dev with the trained tagger before the parser is trained
  (as ``stanza.utils.training.run_depparse`` does with its retag option),
  so the parser learns from predicted UPOS/XPOS/feats;
* resumes: the parser continues from its checkpoint (``--checkpoint_save_name``);
  the other trainers have no resumable checkpoint, so a stage whose final model
  already exists in the work dir is skipped;
* exports the best models to the package with the optimizer state stripped.

Stages: tokenize, mwt, pos, lemma, depparse (``retag`` runs inside depparse).
Work dirs and checkpoints live outside the repository, by default under
``~/.cache/quotetrack/train``.

Run one stage per process with ``python -m quotetrack.training.train --stage pos``
or through ``quotetrack models train``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..parse.models import MINILM_NAME, minilm_path

logger = logging.getLogger("quotetrack.training.train")

SHORTHAND = "en_combined"
LANG = "en"
STAGES = ("tokenize", "mwt", "pos", "lemma", "depparse")
DEFAULT_WORK_DIR = Path(os.path.expanduser("~/.cache/quotetrack/train"))

EWT = "en_ewt-ud-{split}.conllu"
GUM = "en_gum-ccby-ud-{split}.conllu"

# File names of the exported models (inside quotetrack/data/models/en/).
EXPORT_NAMES = {
    "tokenize": "tokenize.pt",
    "mwt": "mwt.pt",
    "pos": "pos.pt",
    "lemma": "lemma.pt",
    "depparse": "depparse.pt",
}

# ---------------------------------------------------------------------------
# Hyperparameters.  Every list is passed verbatim to the Stanza trainer and
# recorded in MODEL_CARD.md.
# ---------------------------------------------------------------------------

TOKENIZE_ARGS = [
    # Stanza's default tokenizer size (it is already small: ~1 MB);
    # --steps (--tokenize-steps) bounds the CPU time, dev F1 (EWT dev) picks the best step.
    "--eval_steps", "500",
    "--max_steps_before_stop", "3000",
    "--batch_size", "32",
]
DEFAULT_TOKENIZE_STEPS = 8000  # round 5 (best dev at step 6,500); round 1 ran 2,500

MWT_ARGS = [
    "--num_epoch", "10",
    "--batch_size", "50",
    "--hidden_dim", "100",
    "--emb_dim", "50",
]

POS_ARGS = [
    "--no_pretrain",
    # --share_hid: XPOS and feats get linear heads on the UPOS hidden layer
    # instead of biaffine (nn.Bilinear) heads, whose backward pass is about
    # 3x slower on a CPU than the whole rest of the step.
    "--share_hid",
    "--hidden_dim", "200",
    "--word_emb_dim", "100",
    "--char_hidden_dim", "100",
    "--char_emb_dim", "50",
    "--deep_biaff_hidden_dim", "200",
    "--batch_size", "40",
    "--eval_interval", "200",
    "--fix_eval_interval",
    "--max_steps_before_stop", "1500",
]
DEFAULT_POS_STEPS = 3000

LEMMA_ARGS = [
    # the dictionary (built from all of train) does most of the work; the
    # seq2seq + edit classifier (for unseen words) gets one pass over train:
    # an epoch of Stanza's lemmatizer is every token of train, ~1,600 steps
    # of 200 at ~0.35 s a step on one CPU core
    "--num_epoch", "1",
    "--batch_size", "200",
    "--lr", "0.002",
    "--hidden_dim", "100",
    "--emb_dim", "50",
]

DEPPARSE_ARGS = [
    "--no_pretrain",
    "--hidden_dim", "200",
    "--num_layers", "2",
    "--deep_biaff_hidden_dim", "200",
    "--char_hidden_dim", "100",
    "--char_emb_dim", "50",
    "--batch_size", "2000",
    "--eval_interval", "100",
    "--max_steps_before_stop", "1000",
]
DEFAULT_PARSER_STEPS = 3000


@dataclass
class Paths:
    """Where the recipe reads and writes."""

    data: Path
    work: Path

    @property
    def prep(self) -> Path:
        return self.work / "data"

    def gold(self, split: str) -> Path:
        """Gold CoNLL-U of the combined train set (split=train) or EWT dev."""
        return self.prep / f"{SHORTHAND}.{split}.gold.conllu"

    def txt(self, split: str) -> Path:
        return self.prep / f"{SHORTHAND}.{split}.txt"

    def toklabels(self, split: str) -> Path:
        return self.prep / f"{SHORTHAND}-ud-{split}.toklabels"

    def mwt_json(self, split: str) -> Path:
        return self.prep / f"{SHORTHAND}-ud-{split}-mwt.json"

    def retagged(self, split: str) -> Path:
        return self.work / "depparse" / f"{SHORTHAND}.{split}.retagged.conllu"

    def stage_dir(self, stage: str) -> Path:
        return self.work / stage

    def model(self, stage: str) -> Path:
        names = {
            "tokenize": f"{SHORTHAND}_tokenizer.pt",
            "mwt": f"{SHORTHAND}_mwt_expander.pt",
            "pos": f"{SHORTHAND}_tagger.pt",
            "lemma": f"{SHORTHAND}_lemmatizer.pt",
            "depparse": f"{SHORTHAND}_parser.pt",
        }
        return self.stage_dir(stage) / names[stage]

    def checkpoint(self, stage: str) -> Path:
        return self.stage_dir(stage) / f"{SHORTHAND}_{stage}_checkpoint.pt"

    def done_marker(self, stage: str) -> Path:
        return self.stage_dir(stage) / "DONE"


# ---------------------------------------------------------------------------
# Data preparation
# ---------------------------------------------------------------------------

def prepare_data(paths: Paths, force: bool = False) -> None:
    """Build train/dev files for every trainer in ``paths.prep``.

    * ``en_combined.train.gold.conllu``: EWT train + GUM CC-BY train, with
      Stanza's ``augment_punct`` (the augmentation ``prepare_tokenizer_treebank``
      applies to every UD train set);
    * ``en_combined.dev.gold.conllu``: EWT dev, unchanged;
    * ``.txt`` raw text (``stanza.utils.datasets.common.convert_conllu_to_txt``)
      and ``.toklabels`` / ``-mwt.json`` (``prepare_tokenizer_dataset_labels``)
      for the tokenizer.
    """
    from stanza.utils.datasets import common
    from stanza.utils.datasets.prepare_tokenizer_treebank import (
        augment_punct,
        write_augmented_dataset,
    )

    prep = paths.prep
    marker = prep / "PREPARED"
    if marker.exists() and not force:
        logger.info("data already prepared in %s", prep)
        return
    prep.mkdir(parents=True, exist_ok=True)

    sources = {
        "train": [paths.data / EWT.format(split="train"), paths.data / GUM.format(split="train")],
        "dev": [paths.data / EWT.format(split="dev")],
    }
    for files in sources.values():
        for f in files:
            if not f.exists():
                raise FileNotFoundError(f"training data not found: {f}")

    # concatenate the train treebanks (sentence by sentence, so that the files'
    # trailing blank lines cannot glue two sentences together)
    concat = prep / f"{SHORTHAND}.train.concat.conllu"
    sents = []
    for f in sources["train"]:
        sents.extend(common.read_sentences_from_conllu(str(f)))
    common.write_sentences_to_conllu(str(concat), sents)
    logger.info("train: %d sentences from %s", len(sents), ", ".join(f.name for f in sources["train"]))

    write_augmented_dataset(str(concat), str(paths.gold("train")), augment_punct)
    concat.unlink()
    dev_sents = common.read_sentences_from_conllu(str(sources["dev"][0]))
    common.write_sentences_to_conllu(str(paths.gold("dev")), dev_sents)

    common.convert_conllu_to_txt(str(prep), SHORTHAND, shards=("train", "dev"))
    for split in ("train", "dev"):
        common.prepare_tokenizer_dataset_labels(
            str(paths.txt(split)), str(paths.gold(split)), str(prep), SHORTHAND, split)
    marker.write_text(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()) + "\n")


# ---------------------------------------------------------------------------
# Stages
# ---------------------------------------------------------------------------

def _common(stage: str, paths: Paths) -> list[str]:
    lang = [] if stage == "lemma" else ["--lang", LANG]  # the lemmatizer has no --lang
    return lang + ["--shorthand", SHORTHAND, "--cpu", "--save_dir", str(paths.stage_dir(stage))]


def _run_main(module_name: str, args: list[str]) -> None:
    import importlib

    logger.info("python -m %s %s", module_name, " ".join(args))
    module = importlib.import_module(module_name)
    module.main(args)


def _skip_if_done(stage: str, paths: Paths, force: bool) -> bool:
    if paths.done_marker(stage).exists() and paths.model(stage).exists() and not force:
        logger.info("stage %s: %s already trained, skipping (use --force to retrain)",
                    stage, paths.model(stage))
        return True
    return False


def _mark_done(stage: str, paths: Paths, **info) -> None:
    info["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    paths.done_marker(stage).write_text(json.dumps(info, indent=2) + "\n")


def _train_files(stage: str, paths, conllu) -> list[str]:
    """The train/dev/output/save arguments the conllu-based Stanza trainers share;
    ``conllu(split)`` gives the file of a split (gold or retagged)."""
    return [
        "--mode", "train",
        "--train_file", str(conllu("train")),
        "--eval_file", str(conllu("dev")),
        "--output_file", str(paths.stage_dir(stage) / "dev.pred.conllu"),
        "--save_name", paths.model(stage).name,
    ]


def bert_path(bert: str | None) -> str | None:
    """``--pos-bert`` / ``--parser-bert`` as a path for Stanza's ``--bert_model``:
    ``minilm`` is the packaged MiniLM-L6; anything else is taken as a local
    transformers directory."""
    if not bert:
        return None
    if bert.lower() == "minilm":
        return str(minilm_path())
    if not Path(bert).is_dir():
        raise FileNotFoundError(f"no transformers model directory at {bert}")
    return str(Path(bert).resolve())


def _bert_args(bert: str | None) -> list[str]:
    """Stanza's ``--bert_model`` for ``--pos-bert`` / ``--parser-bert`` (none without one)."""
    path = bert_path(bert)
    return ["--bert_model", path] if path else []


def stage_args(stage: str, paths: Paths, parser_steps: int = DEFAULT_PARSER_STEPS,
               pos_steps: int = DEFAULT_POS_STEPS, pos_bert: str | None = None,
               parser_from: Path | None = None, parser_bert: str | None = None,
               tokenize_steps: int = DEFAULT_TOKENIZE_STEPS) -> list[str]:
    """The exact argument list passed to the Stanza trainer of ``stage``."""
    d = paths.stage_dir(stage)
    if stage == "tokenize":
        return _common(stage, paths) + [
            "--mode", "train",
            "--txt_file", str(paths.txt("train")),
            "--label_file", str(paths.toklabels("train")),
            "--mwt_json_file", str(paths.mwt_json("train")),
            "--dev_txt_file", str(paths.txt("dev")),
            "--dev_label_file", str(paths.toklabels("dev")),
            "--dev_conll_gold", str(paths.gold("dev")),
            "--conll_file", str(d / "dev.pred.conllu"),
            "--save_name", paths.model(stage).name,
            "--steps", str(tokenize_steps),
        ] + TOKENIZE_ARGS
    if stage == "mwt":
        return _common(stage, paths) + _train_files(stage, paths, paths.gold) + [
            "--gold_file", str(paths.gold("dev")),
        ] + MWT_ARGS
    if stage == "pos":
        return _common(stage, paths) + _train_files(stage, paths, paths.gold) + [
            "--max_steps", str(pos_steps),
        ] + POS_ARGS + _bert_args(pos_bert)
    if stage == "lemma":
        return _common(stage, paths) + _train_files(stage, paths, paths.gold) + LEMMA_ARGS
    if stage == "depparse":
        return _common(stage, paths) + _train_files(stage, paths, paths.retagged) + [
            "--checkpoint_save_name", str(paths.checkpoint(stage)),
            "--max_steps", str(parser_steps),
        ] + DEPPARSE_ARGS + (["--continue_from", str(parser_from)] if parser_from else []) + _bert_args(parser_bert)
    raise ValueError(f"unknown stage {stage!r}")


_TRAINER_MODULES = {
    "tokenize": "stanza.models.tokenizer",
    "mwt": "stanza.models.mwt_expander",
    "pos": "stanza.models.tagger",
    "lemma": "stanza.models.lemmatizer",
    "depparse": "stanza.models.parser",
}


class _TimeBudget:
    """Stop the running Stanza trainer after ``minutes`` of wall time.

    Stanza's trainers save the best model (and the parser its checkpoint) as
    they go, so stopping on a wall-clock budget keeps the best model so far;
    the parser resumes from its checkpoint when run again.

    To never interrupt a trainer while it writes a model file, the stop is
    raised (as KeyboardInterrupt, in the main thread) from a logging handler
    on the trainer's next per-step progress line, which Stanza logs right
    after an update and never during a save.  If no such line comes within
    ``grace_s`` the main thread is interrupted anyway.
    """

    SAFE_LINES = ("Finished STEP", "/step ", ": step ", "Step ")

    def __init__(self, minutes: float | None, grace_s: float = 300):
        self.minutes = minutes
        self.grace_s = grace_s
        self.expired = False
        self.fired = False
        self._timers = []
        self._handler = None

    def _expire(self) -> None:
        self.expired = True
        logger.warning("time budget of %.1f min reached: stopping the trainer at its next step",
                       self.minutes)

    def _force(self) -> None:
        import _thread

        if not self.fired:
            self.fired = True
            logger.warning("no progress line within %.0f s of the budget: interrupting", self.grace_s)
            _thread.interrupt_main()

    def __enter__(self):
        import threading

        if not self.minutes:
            return self
        budget = self

        class _StopHandler(logging.Handler):
            def emit(self, record):
                if budget.expired and not budget.fired:
                    msg = record.getMessage()
                    if any(s in msg for s in budget.SAFE_LINES):
                        budget.fired = True
                        raise KeyboardInterrupt("quotetrack time budget")

        self._handler = _StopHandler()
        logging.getLogger("stanza").addHandler(self._handler)
        for delay, fn in ((self.minutes * 60, self._expire),
                          (self.minutes * 60 + self.grace_s, self._force)):
            t = threading.Timer(delay, fn)
            t.daemon = True
            t.start()
            self._timers.append(t)
        return self

    def __exit__(self, exc_type, exc, tb):
        for t in self._timers:
            t.cancel()
        if self._handler is not None:
            logging.getLogger("stanza").removeHandler(self._handler)
        # swallow only our own interrupt
        return bool(self.fired and exc_type is KeyboardInterrupt)


def _train_stage(stage: str, paths: Paths, args: list[str], force: bool = False,
                 minutes: float | None = None, **info) -> None:
    """Run one Stanza trainer; on a time budget keep the best model so far."""
    paths.stage_dir(stage).mkdir(parents=True, exist_ok=True)
    start = time.time()
    with _TimeBudget(minutes) as budget:
        _run_main(_TRAINER_MODULES[stage], args)
    info["wall_s"] = round(time.time() - start)
    if budget.fired:
        info["stopped_by_time_budget_min"] = minutes
        if not paths.model(stage).exists():
            raise RuntimeError(f"stage {stage}: time budget ran out before a model was saved")
    if stage == "depparse" and budget.fired:
        # resumable: no DONE marker, the next run continues from the checkpoint
        logger.info("parser stopped on its time budget; run again to resume from %s",
                    paths.checkpoint(stage))
        return
    _mark_done(stage, paths, **info)


def train_tokenize(paths: Paths, force: bool = False, minutes: float | None = None,
                   steps: int = DEFAULT_TOKENIZE_STEPS) -> None:
    if not _skip_if_done("tokenize", paths, force):
        _train_stage("tokenize", paths, stage_args("tokenize", paths, tokenize_steps=steps),
                     force, minutes, max_steps=steps)


def train_mwt(paths: Paths, force: bool = False, minutes: float | None = None) -> None:
    if not _skip_if_done("mwt", paths, force):
        _train_stage("mwt", paths, stage_args("mwt", paths), force, minutes)


def train_pos(paths: Paths, pos_steps: int = DEFAULT_POS_STEPS, force: bool = False,
              minutes: float | None = None, pos_bert: str | None = None) -> None:
    if not _skip_if_done("pos", paths, force):
        _train_stage("pos", paths, stage_args("pos", paths, pos_steps=pos_steps, pos_bert=pos_bert),
                     force, minutes, max_steps=pos_steps, bert_model=bert_path(pos_bert))


def train_lemma(paths: Paths, force: bool = False, minutes: float | None = None) -> None:
    if not _skip_if_done("lemma", paths, force):
        _train_stage("lemma", paths, stage_args("lemma", paths), force, minutes)


def retag(paths: Paths, force: bool = False, tagger: Path | None = None) -> None:
    """Replace gold UPOS/XPOS/feats of train and dev with the trained tagger's.

    The same thing Stanza's ``run_depparse`` does before it trains a parser
    (``stanza.utils.datasets.dataset_retagging``-style): run the tagger in
    predict mode over the gold-tokenized file, keeping heads and deprels.
    ``tagger`` is the work dir's tagger unless given (e.g. the bundled
    ``pos.pt``, to continue the bundled parser on the tags it was trained on).
    """
    tagger = Path(tagger).resolve() if tagger else paths.model("pos")
    if not tagger.exists():
        raise FileNotFoundError(f"no tagger at {tagger}: run the pos stage first")
    out_dir = paths.stage_dir("depparse")
    out_dir.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        out = paths.retagged(split)
        if out.exists() and not force and out.stat().st_mtime >= tagger.stat().st_mtime:
            logger.info("retag: %s exists (newer than the tagger)", out)
            continue
        tmp = out.with_suffix(".tmp")
        _run_main("stanza.models.tagger", [
            "--mode", "predict", "--lang", LANG, "--shorthand", SHORTHAND, "--cpu",
            "--save_dir", str(tagger.parent),
            "--save_name", tagger.name,
            "--eval_file", str(paths.gold(split)),
            "--output_file", str(tmp),
            "--no_pretrain",
            "--batch_size", "1000",
        ])
        os.replace(tmp, out)


def _cache_encoder_features() -> None:
    """Make every transformer Stanza loads in this process keep each sentence's
    frozen features (:mod:`quotetrack.parse.features`), unbounded: a parser
    epoch sees every train sentence again.  Features are then computed without
    the encoder's dropout (the encoder is not trained)."""
    from stanza.models.common import bert_embedding

    from ..parse.features import share_features

    original = bert_embedding.load_bert
    if getattr(original, "quotetrack_cached", False):
        return

    def load_bert(*args, **kwargs):
        model, tokenizer = original(*args, **kwargs)
        if model is not None:
            share_features(model, max_pieces=None)
        return model, tokenizer

    load_bert.quotetrack_cached = True
    bert_embedding.load_bert = load_bert


def train_depparse(paths: Paths, parser_steps: int = DEFAULT_PARSER_STEPS, force: bool = False,
                   minutes: float | None = None, parser_from: Path | None = None,
                   retag_with: Path | None = None, parser_bert: str | None = None) -> None:
    """Retag, then train (or resume) the parser up to ``parser_steps`` steps in total.

    ``parser_from``: a trained parser file (e.g. the bundled ``depparse.pt``) to
    continue from when there is no checkpoint yet (Stanza's ``--continue_from``;
    a fresh optimizer).  Its vocabularies must be those of the retagged data,
    so retag with the tagger it was trained on (``retag_with``).
    """
    done = paths.done_marker("depparse")
    if done.exists() and paths.model("depparse").exists() and not force:
        try:
            trained = json.loads(done.read_text()).get("max_steps", 0)
        except ValueError:
            trained = 0
        if trained >= parser_steps:
            logger.info("stage depparse: already trained for %d steps, skipping", trained)
            return
        done.unlink()  # more steps requested: resume from the checkpoint
    if force:
        for f in (paths.checkpoint("depparse"), done):
            if f.exists():
                f.unlink()
    retag(paths, tagger=retag_with)
    checkpoint = paths.checkpoint("depparse")
    if checkpoint.exists() and checkpoint.stat().st_mtime < paths.retagged("train").stat().st_mtime:
        # its vocabularies come from the old tags: Stanza cannot resume it on the new ones
        logger.info("the tagger changed since %s was saved: the parser starts afresh", checkpoint)
        checkpoint.unlink()
    warm = parser_from if parser_from and not checkpoint.exists() else None
    if parser_bert:
        # the encoder is frozen: compute each sentence's features once, not every epoch
        _cache_encoder_features()
    _train_stage("depparse", paths,
                 stage_args("depparse", paths, parser_steps, parser_from=warm, parser_bert=parser_bert),
                 force, minutes, max_steps=parser_steps, bert_model=bert_path(parser_bert),
                 continued_from=str(warm) if warm else None,
                 retagged_with=str(retag_with or paths.model("pos")))


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------

RESOURCES_JSON = {"en": {"lang_name": "English", "packages": {}, "tokenize": {}}}

OPTIMIZER_KEYS = ("optimizer", "optimizers", "optimizer_state_dict", "scheduler", "schedulers",
                  "scheduler_state_dict")




def strip_optimizer(src: Path, dst: Path) -> dict:
    """Copy a Stanza model file without optimizer/scheduler state; a transformer
    encoder the model was trained with is named, not located (its path on this
    machine means nothing on a user's)."""
    import torch

    state = torch.load(str(src), map_location="cpu", weights_only=False)
    dropped = []
    encoder = None
    if isinstance(state, dict):
        for key in OPTIMIZER_KEYS:
            if key in state:
                del state[key]
                dropped.append(key)
        config = state.get("config") or {}
        bert = config.get("bert_model")
        if bert:
            if Path(bert).resolve() != minilm_path().resolve():
                raise ValueError(f"{src} uses the encoder {bert}: only {MINILM_NAME} can be bundled")
            if any(k.startswith("bert_model.") for k in state.get("model", {})):
                raise ValueError(f"{src} carries fine-tuned encoder weights: too large to bundle")
            config["bert_model"] = encoder = MINILM_NAME
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_suffix(dst.suffix + ".tmp")
    torch.save(state, str(tmp))
    os.replace(tmp, dst)
    return {"src": str(src), "dst": str(dst), "dropped": dropped,
            "bytes": dst.stat().st_size, "encoder": encoder}


def export(paths: Paths, out: Path, stages=STAGES) -> list[dict]:
    """Copy the trained models into the package directory ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    results = []
    for stage in stages:
        src = paths.model(stage)
        if not src.exists():
            logger.warning("export: no %s model at %s", stage, src)
            continue
        info = {**strip_optimizer(src, out / EXPORT_NAMES[stage]), "stage": stage}
        logger.info("exported %s -> %s (%.1f MB, dropped %s)", src, info["dst"],
                    info["bytes"] / 1e6, info["dropped"] or "nothing")
        results.append(info)
    # Stanza's Pipeline reads resources.json from its dir even when every model
    # path is given.  "packages" and "tokenize" are there (empty) so that a
    # processor list with tokenize but without mwt also loads.  quotetrack
    # records there which processors use the MiniLM encoder.
    resources = out / "resources.json"
    try:
        encoders = json.loads(resources.read_text()).get("quotetrack", {}).get("encoders", {})
    except (OSError, ValueError):
        encoders = {}
    for info in results:
        encoders.pop(info["stage"], None)
        if info["encoder"]:
            encoders[info["stage"]] = info["encoder"]
    data = dict(RESOURCES_JSON)
    if encoders:
        data["quotetrack"] = {"encoders": dict(sorted(encoders.items()))}
    resources.write_text(json.dumps(data) + "\n")
    return results


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------

def run(data: Path, out: Path | None, work_dir: Path = DEFAULT_WORK_DIR, stage: str = "all",
        parser_steps: int = DEFAULT_PARSER_STEPS, threads: int | None = None,
        force: bool = False, do_export: bool = True, pos_steps: int = DEFAULT_POS_STEPS,
        minutes: float | None = None, pos_bert: str | None = None,
        parser_from: Path | None = None, retag_with: Path | None = None,
        parser_bert: str | None = None, tokenize_steps: int = DEFAULT_TOKENIZE_STEPS) -> None:
    """Run one stage (or all, in dependency order) and export the models."""
    if threads:
        import torch
        torch.set_num_threads(threads)
    paths = Paths(Path(data).resolve(), Path(work_dir).expanduser().resolve())
    paths.work.mkdir(parents=True, exist_ok=True)
    prepare_data(paths)
    stages = STAGES if stage == "all" else (stage,)
    for s in stages:
        t0 = time.time()
        logger.info("=== stage %s ===", s)
        if s == "tokenize":
            train_tokenize(paths, force, minutes, tokenize_steps)
        elif s == "mwt":
            train_mwt(paths, force, minutes)
        elif s == "pos":
            train_pos(paths, pos_steps, force, minutes, pos_bert)
        elif s == "lemma":
            train_lemma(paths, force, minutes)
        elif s == "depparse":
            train_depparse(paths, parser_steps, force, minutes, parser_from, retag_with, parser_bert)
        elif s == "retag":
            retag(paths, force, retag_with)
        elif s == "prepare":
            pass
        else:
            raise ValueError(f"unknown stage {s!r}")
        logger.info("=== stage %s finished in %.0f s ===", s, time.time() - t0)
    if do_export and out is not None and stage not in ("prepare", "retag"):
        export(paths, Path(out), stages=[s for s in stages if s in STAGES])


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, required=True, help="directory with the UD .conllu files")
    p.add_argument("--out", type=Path, default=None, help="where to export the models (package dir)")
    p.add_argument("--work-dir", type=Path, default=DEFAULT_WORK_DIR)
    p.add_argument("--stage", default="all", choices=("all", "prepare", "retag") + STAGES)
    p.add_argument("--parser-steps", type=int, default=DEFAULT_PARSER_STEPS)
    p.add_argument("--pos-steps", type=int, default=DEFAULT_POS_STEPS)
    p.add_argument("--tokenize-steps", type=int, default=DEFAULT_TOKENIZE_STEPS)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--minutes", type=float, default=None,
                   help="wall-clock budget per stage; the best model so far is kept")
    p.add_argument("--pos-bert", default=None,
                   help="tagger: a transformer encoder ('minilm' or a local model dir)")
    p.add_argument("--parser-bert", default=None,
                   help="parser: a transformer encoder ('minilm' or a local model dir)")
    p.add_argument("--parser-from", type=Path, default=None,
                   help="parser: continue from this trained model when there is no checkpoint")
    p.add_argument("--retag-with", type=Path, default=None,
                   help="tagger model file to retag the parser's data with (default: the work dir's)")
    p.add_argument("--force", action="store_true")
    p.add_argument("--no-export", action="store_true")
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    run(a.data, a.out, a.work_dir, a.stage, a.parser_steps, a.threads, a.force, not a.no_export,
        a.pos_steps, a.minutes, a.pos_bert, a.parser_from, a.retag_with, a.parser_bert,
        a.tokenize_steps)


if __name__ == "__main__":
    main()
