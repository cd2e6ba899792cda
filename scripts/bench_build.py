#!/usr/bin/env python3
"""Compare llama.cpp build options side by side: does it run, and how fast is the confirmer.

Each option (assistant/llm/build.py: run-time CPU variants, explicit AVX-512, explicit AVX2,
-march=native) is built once into the wheelhouse (cached), unpacked into its own folder, and
measured in a child process, so a build that crashes is reported, not fatal. The child loads the
confirmer (Qwen2.5-Coder-1.5B Q4_K_M) with the doctor's decode probe: a --prompt-tokens prompt in one
batch (prompt tok/s, median of --repeats after one untimed run) and then tokens generated one at a
time (generation tok/s). For the variants
build it also forces the AVX2 (haswell) variant, what a CPU without AVX-512 gets. Run it alone:
two model jobs at once on 2 cores measure nothing.

    python3 scripts/bench_build.py [--options variants,avx512,avx2,native] [--repeats 3]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.llm import build  # noqa: E402

def unpack(wheel: Path, folder: Path, drop_variants_above: str | None = None) -> Path:
    shutil.unpack_archive(str(wheel), str(folder), format="zip")
    if drop_variants_above:  # keep only the variants up to this one: what an older CPU would load
        order = ["x64", "sse42", "sandybridge", "ivybridge", "piledriver", "haswell", "skylakex", "cannonlake",
                 "cascadelake", "icelake", "cooperlake", "zen4", "alderlake", "sapphirerapids"]
        keep = set(order[:order.index(drop_variants_above) + 1])
        for lib in (folder / "llama_cpp" / "lib").glob("libggml-cpu-*.so"):
            if lib.stem.removeprefix("libggml-cpu-") not in keep:
                lib.unlink()
    return folder


def measure(folder: Path, model: Path, prompt_tokens: int, repeats: int, gen_tokens: int) -> dict:
    """The doctor's decode probe (assistant/doctor/probe.py) with this build first on the path."""
    env = dict(os.environ, PYTHONPATH=f"{folder}{os.pathsep}{ROOT}")
    command = [sys.executable, "-m", "assistant.doctor.probe", "decode", str(model), "--prompt-tokens",
               str(prompt_tokens), "--repeats", str(repeats), "--generate", str(gen_tokens)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
    if done.returncode < 0:
        return {"status": f"crashed ({signal.Signals(-done.returncode).name})"}
    lines = done.stdout.strip().splitlines()
    result = json.loads(lines[-1]) if lines else {"error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    if "error" in result:
        return {"status": "failed: " + result["error"][:80]}
    return {"status": "ok", **result}


def features(system_info: str) -> str:
    flags = [part.split("=")[0].strip() for part in system_info.split("|") if part.strip().endswith("= 1")]
    wanted = ("AVX2", "AVX512", "AVX512_VNNI", "AVX512_BF16", "AMX_INT8", "AVX_VNNI", "NEON", "SVE")
    return " ".join(flag for flag in flags if flag in wanted) or "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--options", default="variants,avx512,avx2,native")
    parser.add_argument("--prompt-tokens", type=int, default=533)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--gen-tokens", type=int, default=48)
    parser.add_argument("--model", type=Path, default=None, help="GGUF file (default: the confirmer's)")
    args = parser.parse_args()
    from assistant.llm.manifest import load_manifest

    manifest = load_manifest()
    model = args.model or manifest.model(manifest.roles["confirmer"]).path
    runs = []
    for name in args.options.split(","):
        option = build.OPTIONS[name]
        wheel, _ = build.build(option)
        meta = json.loads((wheel.parent / "build.json").read_text()) if (wheel.parent / "build.json").is_file() else {}
        variants = [(name, None)] + ([(f"{name} (forced AVX2 variant)", "haswell")] if name == "variants" else [])
        for label, cap in variants:
            with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
                result = measure(unpack(wheel, Path(tmp), cap), model, args.prompt_tokens, args.repeats,
                                 args.gen_tokens)
            runs.append({"build": label, "portable": option.portable, "build_s": meta.get("seconds"),
                         "wheel_mb": round(wheel.stat().st_size / 2**20, 1), **result})
            print(json.dumps(runs[-1]), file=sys.stderr, flush=True)
    print(f"\nconfirmer: {model.name}; {args.prompt_tokens}-token prompt, {args.repeats} timed runs (median), "
          f"{args.gen_tokens} generated tokens\n")
    header = f"{'build':<32} {'safe on every CPU':<18} {'build min':>9} {'wheel MB':>8} {'status':<10} " \
             f"{'prompt tok/s':>12} {'gen tok/s':>9}  kernels used"
    print(header)
    print("-" * len(header))
    for run in runs:
        build_min = f"{run['build_s'] / 60:.1f}" if run.get("build_s") else "?"
        prompt = f"{run['prompt_tok_s']:.1f}" if "prompt_tok_s" in run else "-"
        gen = f"{run['gen_tok_s']:.1f}" if "gen_tok_s" in run else "-"
        print(f"{run['build']:<32} {'yes' if run['portable'] else 'no':<18} {build_min:>9} {run['wheel_mb']:>8} "
              f"{run['status']:<10} {prompt:>12} {gen:>9}  {features(run.get('system_info', ''))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
