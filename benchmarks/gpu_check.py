"""GPU check, run by hand on a CUDA machine (not part of `make bench`).

`python -m benchmarks.gpu_check` with the real-size random opus-mt model
(`benchmarks/realsize.py`), every variant decoding exactly `NEW_TOKENS` tokens a sentence:

  a. the naive script on the GPU: float32, one `generate()` call per sentence;
  b. the toolkit's torch engine with `translate.device = "auto"` (must pick cuda and
     float16), sentences sorted and batched by the toolkit;
  c. the toolkit's ct2 engine on cuda (`auto` quantization -> float16), if CTranslate2's
     CUDA libraries load on this machine; the error is reported otherwise.

It prints tokens/s and b/a, c/a, the device and dtype the engine chose, and how many
output tokens the float16 engine shares with a float32 greedy run (random weights make
this a numerical check, not a quality one).
"""

from __future__ import annotations

import json
import sys
import time

from benchmarks.bench_translate import NEW_TOKENS, _toolkit_translator
from benchmarks.realsize import news_sentences, real_size_marian

SENTENCES = 512
NAIVE_SENTENCES = 64


def _rate(tokens: int, seconds: float) -> dict:
    return {
        "tokens": tokens,
        "seconds": round(seconds, 3),
        "tokens_per_s": round(tokens / seconds, 1),
    }


def naive(path, sentences: list[str]) -> tuple[dict, list[str]]:
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSeq2SeqLM.from_pretrained(path).to("cuda")
    model.generate(**tokenizer("Warm-up.", return_tensors="pt").to("cuda"), max_new_tokens=2)
    torch.cuda.synchronize()
    outputs, tokens = [], 0
    start = time.perf_counter()
    for sentence in sentences:
        inputs = tokenizer(sentence, return_tensors="pt").to("cuda")
        out = model.generate(**inputs, min_new_tokens=NEW_TOKENS, max_new_tokens=NEW_TOKENS)
        outputs.append(tokenizer.decode(out[0], skip_special_tokens=True))
        tokens += out.shape[1] - 1
    torch.cuda.synchronize()
    return _rate(tokens, time.perf_counter() - start), outputs


def engine(name: str, path, sentences: list[str]) -> tuple[dict, list[str]]:
    decoded: list[int] = []
    translator = _toolkit_translator(name, decoded, device="auto", quantization="auto")
    translator.translate(["Warm-up."], to="de", src="en", model=str(path))
    decoded.clear()
    start = time.perf_counter()
    results = translator.translate(sentences, to="de", src="en", model=str(path))
    elapsed = time.perf_counter() - start
    if any(n != NEW_TOKENS for n in decoded):
        raise SystemExit(f"forced length not respected: {sorted(set(decoded))}")
    report = _rate(sum(decoded), elapsed)
    backend = next(iter(translator._backends.values()))
    report["device"] = str(getattr(backend, "device", "?"))
    net = getattr(backend, "net", None)  # the torch engine's model
    if net is not None:
        report["dtype"] = str(next(net.parameters()).dtype)
    return report, [r.text for r in results]


def agreement(left: list[str], right: list[str]) -> float:
    same = total = 0
    for a, b in zip(left, right, strict=True):
        ta, tb = a.split(), b.split()
        total += max(len(ta), len(tb))
        same += sum(1 for x, y in zip(ta, tb, strict=False) if x == y)
    return round(same / max(total, 1), 3)


def main() -> dict:
    import torch

    if not torch.cuda.is_available():
        raise SystemExit("no CUDA device: this check is for a GPU machine")
    path = real_size_marian()
    sentences = news_sentences()[:SENTENCES]
    subset = sentences[:: SENTENCES // NAIVE_SENTENCES][:NAIVE_SENTENCES]
    report: dict = {"gpu": torch.cuda.get_device_name(0), "torch": torch.__version__}
    report["a_naive"], naive_out = naive(path, subset)
    report["b_torch"], torch_out = engine("torch", path, sentences)
    report["b/a"] = round(report["b_torch"]["tokens_per_s"] / report["a_naive"]["tokens_per_s"], 2)
    picked = torch_out[:: SENTENCES // NAIVE_SENTENCES][:NAIVE_SENTENCES]
    report["float16_vs_float32_word_agreement"] = agreement(picked, naive_out)
    try:
        report["c_ct2"], _ = engine("ct2", path, sentences)
        report["c/a"] = round(
            report["c_ct2"]["tokens_per_s"] / report["a_naive"]["tokens_per_s"], 2
        )
    except Exception as exc:  # noqa: BLE001 - report why ct2 cannot run here
        report["c_ct2"] = {"error": f"{type(exc).__name__}: {str(exc)[:300]}"}
    print(json.dumps(report, indent=2))
    return report


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
