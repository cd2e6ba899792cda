"""In-process GGUF models through llama-cpp-python, with cached grammars and prompt prefixes.

Prompts are formatted here (ChatML, the template of the Qwen models in the manifest) so that the
system turn, the stable prefix, ends at a known token boundary; `PrefixKVCache` makes the model's
context start with it (warm, restored from memory or disk, or evaluated once), and llama.cpp
then evaluates only the rest of the prompt.
"""
from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path
from typing import Any, Callable

from assistant.llm import native
from assistant.llm.backend import ChatMessage, Generation, ModelError
from assistant.llm.grammar_greedy import GrammarGreedy
from assistant.llm.prefix_cache import PrefixKVCache

END_OF_TURN = "<|im_end|>"


def chatml(messages: list[ChatMessage], open_assistant_turn: bool = True) -> str:
    text = "".join(f"<|im_start|>{m.role}\n{m.content}{END_OF_TURN}\n" for m in messages)
    return text + ("<|im_start|>assistant\n" if open_assistant_turn else "")


MAX_STRING_CHARS = 80  # a phrase, never a runaway repetition loop
MAX_HEADS = 4  # system turns whose tokens are kept
USER_TURN = "<|im_start|>user\n"  # how a user's turn opens (ChatML)
REALIGN_NGRAM = 3  # output tokens matched against the draft to pick it up again


def _after_same_tokens(output: list[int], planned: list[int]) -> list[int]:
    """The planned tokens that follow the latest output tokens (two or three, longest first) where
    they first occur in the plan; [] if they occur nowhere."""
    for size in range(min(REALIGN_NGRAM, len(output)), 1, -1):
        tail = output[-size:]
        for start in range(len(planned) - size + 1):
            if planned[start:start + size] == tail:
                return list(planned[start + size:])
    return []


def compact_json_grammar(schema_json: str) -> str:
    """GBNF for the schema with no optional whitespace (minified JSON costs fewer output tokens)
    and strings of bounded length."""
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    gbnf = json_schema_to_gbnf(schema_json)
    gbnf = re.sub(r"^space ::= .*$", 'space ::= ""', gbnf, flags=re.MULTILINE)
    return re.sub(r'^string ::= "\\"" char\* "\\"" space$',
                  f'string ::= "\\"" char{{0,{MAX_STRING_CHARS}}} "\\"" space', gbnf, flags=re.MULTILINE)


def framed_json_grammar(schema: dict[str, Any], frame: tuple[str, str] = ("", "")) -> str:
    """The compact grammar of `schema`; with a `frame`, the JSON value between fixed texts:
    root ::= "<before>" value "<after>". Both sides of an endpoint send the same text."""
    gbnf = compact_json_grammar(json.dumps(schema, sort_keys=True))
    if any(frame):
        gbnf = re.sub(r"^root ::=", "value ::=", gbnf, count=1, flags=re.MULTILINE)
        gbnf += f"\nroot ::= {json.dumps(frame[0])} value {json.dumps(frame[1])}\n"
    return gbnf


GGUF_MAGIC = b"GGUF"
GGUF_HEADER = 24  # magic, version (u32), tensor count (u64), metadata count (u64)


def check_gguf(path: Path) -> None:
    """A ModelError, with its fix, unless `path` starts like a GGUF model file (checked before the
    native library reads it: a missing, empty, truncated-header or foreign file is reported plainly)."""
    fix = "Run: assistant models install (or fix path in config.toml)"
    if not path.is_file():
        raise ModelError(f"model file {path} is missing. {fix}")
    try:
        with path.open("rb") as file:
            header = file.read(GGUF_HEADER)
    except OSError as exc:
        raise ModelError(f"model file {path} cannot be read ({exc.strerror or exc}). {fix}") from None
    if len(header) < GGUF_HEADER:
        raise ModelError(f"model file {path} is truncated ({len(header)} bytes). {fix}")
    if header[:4] != GGUF_MAGIC:
        raise ModelError(f"model file {path} is not a GGUF model (it starts with {header[:4]!r}). {fix}")
    version = int.from_bytes(header[4:8], "little")
    if version not in (1, 2, 3):
        raise ModelError(f"model file {path} has GGUF version {version}, which this build cannot read. {fix}")


class LlamaBackend:
    """Chat completion on a local GGUF file; temperature 0 is greedy (deterministic)."""

    # The position of the first token whose logits the last batch kept (every later one's too), so
    # a later step reads a held position's logits instead of evaluating it again; None: the last only.
    _scored_from: int | None = None

    def __init__(self, path: Path, *, name: str, n_ctx: int = 4096, n_threads: int = 2,
                 seed: int = 7, cache_dir: Path | None = None) -> None:
        check_gguf(path)
        llama_cpp = native.llama_cpp()
        self.name = name
        self.path = path
        self._lock = threading.Lock()
        self._grammars: dict[str, Any] = {}
        self._grammar_cls = llama_cpp.LlamaGrammar
        started = time.perf_counter()
        try:
            self.llama = llama_cpp.Llama(model_path=str(path), n_ctx=n_ctx, n_threads=n_threads,
                                         n_batch=512, seed=seed, verbose=False)
        except (ValueError, RuntimeError) as exc:
            raise ModelError(f"could not load {path}: {exc}. Reinstall with: assistant models install") from exc
        self.load_ms = (time.perf_counter() - started) * 1000
        self.always_cold = False  # benchmark switch: evaluate the whole prompt every time
        self.fast_grammar = True  # benchmark switch: False runs the grammar over the whole vocabulary every step
        self.realign_draft = True  # benchmark switch: False drops a draft for good once the output leaves it
        self.cache_user_turn = True  # benchmark switch: False caches the system turn alone
        # benchmark switch: True evaluates an expected call's API and the call's opening with the request
        # in one batch; off, as measured (scripts/bench_latency.py, session 22: no gain on this machine)
        self.one_batch = False
        self.last_shortfall: float | None = None  # the last checked draft's (`accept_within`), for probes
        self._heads: dict[str, list[int]] = {}  # system turns' tokens (`_head_tokens`)
        self._user_turn = self._tokens(USER_TURN)
        stat = path.stat()
        build = native.system_info()  # KV snapshots of another build's kernels are not reused
        self.prefix_cache = PrefixKVCache(self.llama, f"{path.name}|{stat.st_size}|{stat.st_mtime_ns}|{build}",
                                          cache_dir)

    def _grammar(self, schema: dict[str, Any] | None, frame: tuple[str, str] = ("", "")):
        if schema is None:
            return None
        key = json.dumps([schema, frame], sort_keys=True)
        if key not in self._grammars:
            self._grammars[key] = self._grammar_cls.from_string(framed_json_grammar(schema, frame), verbose=False)
        return self._grammars[key]

    def tokenize(self, text: str) -> list[int]:
        """The text's tokens; a system turn already tokenized is not tokenized again (a special
        token follows it, so the tokens on either side are the same apart as together)."""
        for head, ids in self._heads.items():
            if text.startswith(head) and text.startswith("<|im_start|>", len(head)):
                return ids + self._tokens(text[len(head):])
        return self._tokens(text)

    def _tokens(self, text: str) -> list[int]:
        return self.llama.tokenize(text.encode(), add_bos=False, special=True)

    def _head_tokens(self, head: str) -> list[int]:
        """The tokens of a system turn, kept for the next prompts that start with it."""
        if head not in self._heads:
            if len(self._heads) >= MAX_HEADS:
                self._heads.pop(next(iter(self._heads)))
            self._heads[head] = self._tokens(head)
        return self._heads[head]

    def generate(self, messages: list[ChatMessage], *, schema: dict[str, Any] | None = None,
                 temperature: float = 0.0, max_tokens: int = 128, prefill: str = "",
                 frame: tuple[str, str] = ("", ""), lookahead: int = 0, draft: str = "",
                 accept_within: float | None = None, on_text: Callable[[str], None] | None = None) -> Generation:
        """Complete the assistant turn after `prefill` (which the output does not repeat); with a
        `schema`, the output is JSON of that schema, between the fixed texts of `frame`.
        Greedy only, and the output is the same either way: `lookahead` > 0 is prompt-lookup
        decoding (up to that many draft tokens copied from the prompt, checked in one batch);
        `draft` is a guess at the whole output (e.g. a rule-based proposal's call), checked in
        one batch, kept as far as the model agrees with it. With `accept_within`, the whole draft is
        the output when, summed over its tokens, it falls at most that far below the model's own
        greedy choices (log-probability): one batch checks it, no token is generated.
        `on_text` is given the output as it is generated on the plain path (no grammar, draft or
        lookahead: the chat's); on the others, once, whole."""
        prompt = chatml(messages) + prefill
        tokens = self._fitting(self.tokenize(prompt))
        grammar = self._grammar(schema, frame)
        planned = self._continuation(prompt, tokens, draft) if draft and temperature == 0.0 else []
        with self._lock:
            started = time.perf_counter()
            outcome = self._prepare_prefix(messages, tokens)
            if planned and accept_within is not None and grammar is not None:
                self.last_shortfall = self._shortfall(tokens, grammar, planned)
                if self.last_shortfall <= accept_within:
                    text = self.llama.detokenize(planned).decode("utf-8", errors="ignore")
                    if on_text is not None:
                        on_text(text)
                    return Generation(text=text, prompt_tokens=len(tokens), completion_tokens=len(planned),
                                      elapsed_ms=(time.perf_counter() - started) * 1000, prefix_cache=outcome,
                                      drafted=len(planned))
            if temperature == 0.0 and (lookahead or planned or (grammar is not None and self.fast_grammar)):
                text, completed, drafted = self._decode_with_lookup(tokens, grammar, max_tokens, lookahead, planned)
            else:
                self._scored_from = None  # llama.cpp's own evaluation replaces the logits
                options = dict(prompt=tokens, grammar=grammar, temperature=temperature, max_tokens=max_tokens,
                               top_p=0.95 if temperature > 0 else 1.0, stop=[END_OF_TURN])
                if on_text is not None:
                    text, completed = self._streamed(options, len(tokens), on_text)
                    on_text = None
                else:
                    result = self.llama.create_completion(**options)
                    text = result["choices"][0]["text"] or ""
                    completed = result.get("usage", {}).get("completion_tokens", 0)
                drafted = 0
            elapsed = (time.perf_counter() - started) * 1000
        if on_text is not None and text:
            on_text(text)
        return Generation(text=text, prompt_tokens=len(tokens), completion_tokens=completed,
                          elapsed_ms=elapsed, prefix_cache=outcome, drafted=drafted)

    def _streamed(self, options: dict[str, Any], prompt_tokens: int,
                  on_text: Callable[[str], None]) -> tuple[str, int]:
        """`create_completion` streamed, each piece handed to `on_text`: (text, completion tokens),
        as unstreamed. Streaming reports no usage; the tokens evaluated after the prompt are the
        output, but for the last when the output ran out of tokens (sampled, never evaluated)."""
        pieces, finish = [], None
        for chunk in self.llama.create_completion(**options, stream=True):
            choice = chunk["choices"][0]
            if choice["text"]:
                pieces.append(choice["text"])
                on_text(choice["text"])
            finish = choice.get("finish_reason") or finish
        completed = options["max_tokens"] if finish == "length" else self.llama.n_tokens - prompt_tokens
        return "".join(pieces), completed

    def choose_continuation(self, messages: list[ChatMessage], prefill: str, candidates: dict[str, str],
                            expected: str | None = None, then: str = "") -> tuple[str, dict[str, float]]:
        """Greedy choice among continuations of `prefill` (e.g. API names), the choice a
        constrained greedy decoder would make, but tokens all candidates share (or the one left
        shares with nobody) cost no step of their own: one forward pass per branching point.
        With an `expected` candidate (the fast router's API), the prompt's new tokens, that
        candidate and the text `then` after it (the call's opening) are evaluated in one batch,
        every branching point is read from it, and a generation that goes on from there reads it
        too (`_decode_with_lookup`); the choice is the same. Returns the chosen candidate, and each
        candidate's log-probability up to where it was dropped (or chosen)."""
        import numpy as np

        prompt = chatml(messages) + prefill
        base = self.tokenize(prompt)
        paths = {name: self.tokenize(prompt + text) for name, text in candidates.items()}
        scores = dict.fromkeys(candidates, 0.0)
        live = list(candidates)
        with self._lock:
            self._prepare_prefix(messages, base)
            position = min(len(path) for path in paths.values())
            position = next((i for i in range(position) if len({paths[n][i] for n in live}) > 1), position)
            if expected in paths and self.one_batch and len(live) > 1:
                self._score_batch(self._with_then(prompt + candidates[expected], paths[expected], then), position - 1)
            while len(live) > 1:
                if position >= min(len(paths[n]) for n in live):  # one is a prefix of another
                    live = [min(live, key=lambda n: len(paths[n]))]
                    break
                logits = self._logits_after(paths[live[0]][:position])
                top = float(logits.max())
                log_norm = top + float(np.log(np.exp(logits - top).sum()))
                for name in live:
                    scores[name] += float(logits[paths[name][position]]) - log_norm
                best = max(live, key=lambda n: scores[n])
                live = [n for n in live if paths[n][position] == paths[best][position]]
                position += 1
                while len(live) > 1 and position < min(len(paths[n]) for n in live) and \
                        len({paths[n][position] for n in live}) == 1:
                    position += 1
        return live[0], scores

    def _with_then(self, text: str, tokens: list[int], then: str) -> list[int]:
        """`tokens` (those of `text`) and then those of `then`, when they keep that boundary."""
        if not then:
            return tokens
        full = self.tokenize(text + then)
        return full if full[: len(tokens)] == tokens else tokens

    def _score_batch(self, tokens: list[int], first: int) -> None:
        """Make the context hold `tokens` with the logits of every position from `first` on, in
        one batch (the tokens it already holds before `first` are kept)."""
        first = max(0, min(first, self._held(tokens)))
        self._truncate(first)
        self._evaluate_all(tokens[first:])

    def _logits_after(self, tokens: list[int]):
        """The next-token logits after `tokens`: read from a batch that holds them, else evaluated."""
        import numpy as np

        row = None
        if self._scored_from is not None and self._held(tokens) == len(tokens):
            row = self._row(len(tokens) - 1)
        if row is None:
            self._evaluate(tokens)
            return np.ctypeslib.as_array(self.llama._ctx.get_logits(), shape=(self.llama.n_vocab(),))
        api = native.llama_cpp().llama_cpp
        return np.ctypeslib.as_array(api.llama_get_logits_ith(self.llama._ctx.ctx, row), shape=(self.llama.n_vocab(),))

    def _held(self, tokens: list[int]) -> int:
        """How many of `tokens`, from the start, the context holds."""
        held = min(self.llama.n_tokens, len(tokens))
        same = 0
        while same < held and self.llama.input_ids[same] == tokens[same]:
            same += 1
        return same

    def _row(self, position: int) -> int | None:
        """The logits row of `position` in the last batch, if it kept that position's and the
        context still holds it; else None."""
        if self._scored_from is None or not self._scored_from <= position < self.llama.n_tokens:
            return None
        return position - self._scored_from

    def _truncate(self, n: int) -> None:
        """Keep the first `n` tokens of the context."""
        self.llama.n_tokens = n
        self.llama._ctx.kv_cache_seq_rm(-1, n, -1)

    def _continuation(self, prompt: str, tokens: list[int], text: str) -> list[int]:
        """The tokens `text` becomes right after `prompt` (empty if they share no token boundary)."""
        full = self.tokenize(prompt + text)
        return full[len(tokens):] if full[: len(tokens)] == tokens else []

    def _decode_with_lookup(self, tokens: list[int], grammar, max_tokens: int,
                            lookahead: int, planned: list[int] = ()) -> tuple[str, int, int]:
        """Greedy (grammar-constrained) decoding with drafts: each step evaluates the next token
        plus the rest of the `planned` output while the output still follows it, else up to
        `lookahead` tokens that followed the same n-gram earlier in the prompt, and keeps the
        drafts the model itself would have chosen. Returns (text, tokens, tokens taken from drafts)."""
        import numpy as np
        from llama_cpp import llama_cpp as api
        from llama_cpp.llama_speculative import LlamaPromptLookupDecoding

        llama = self.llama
        sampler = GrammarGreedy(llama, grammar) if grammar is not None and self.fast_grammar \
            else llama._init_sampler(temp=0.0, grammar=grammar, repeat_penalty=1.0)
        is_end = lambda token: api.llama_vocab_is_eog(llama._model.vocab, token)  # noqa: E731
        reach = self._hold_scored(list(tokens), list(planned))  # the end of the held, scored tokens
        context, output, drafted = list(tokens), [], 0
        token = sampler.sample(llama._ctx, -1 if reach is None else self._row(len(tokens) - 1))
        reach = reach or 0
        llama.n_tokens = len(tokens)  # the held tokens after these are read, not evaluated again
        while not is_end(token) and len(output) < max_tokens:
            output.append(token)
            context.append(token)
            if list(planned[: len(output)]) == output and len(planned) > len(output):
                draft = list(planned[len(output):])
            elif self.realign_draft and (rest := _after_same_tokens(output, planned)):
                draft = rest  # the output left the plan ("Kitchen" for "kitchen") and met it again
            elif lookahead:
                draft = LlamaPromptLookupDecoding.find_candidate_pred_tokens(
                    np.array(context, dtype=np.intc), 3, lookahead).tolist()
            else:
                draft = []
            draft = draft[: max(0, max_tokens - len(output))]
            start = llama.n_tokens
            batch = [token] + draft
            if start + len(batch) <= reach and list(llama.input_ids[start:start + len(batch)]) == batch:
                llama.n_tokens, base = start + len(batch), start - self._scored_from  # read, not evaluated
            else:
                self._evaluate_all(batch)
                base = 0
            kept = 0
            for index in range(len(draft) + 1):
                token = sampler.sample(llama._ctx, base + index)
                if index == len(draft) or token != draft[index] or is_end(token):
                    break
                output.append(token)
                context.append(token)
                kept += 1
            drafted += kept
            self._truncate(start + 1 + kept)  # drop the KV cells of rejected drafts
            reach = min(reach, llama.n_tokens)
        return llama.detokenize(output).decode("utf-8", errors="ignore"), len(output), drafted

    def _hold_scored(self, tokens: list[int], planned: list[int]) -> int | None:
        """Where the held, scored tokens end when the last batch (`choose_continuation` with an
        expected call) holds `tokens` and the logits of its last (and maybe of the plan after it):
        read, not evaluated again. Else None, and `tokens` are evaluated as usual."""
        if self.one_batch and self._held(tokens) == len(tokens) and self._row(len(tokens) - 1) is not None:
            return self._held(tokens + planned)
        self._evaluate(tokens)
        return None

    def _shortfall(self, tokens: list[int], grammar, planned: list[int]) -> float:
        """How far the `planned` output falls below the model's greedy choices after `tokens`,
        summed in log-probability (infinite where the grammar refuses it), from one batch. A choice
        that starts the rest of the plan's text ("timer" for "tim" + "ers") is the plan's text cut
        otherwise, not a shortfall. The context then holds `tokens` alone."""
        self._evaluate(tokens[:-1], fresh_logits=False)
        self._evaluate_all([tokens[-1], *planned])
        sampler = GrammarGreedy(self.llama, grammar)
        pieces = [self.llama.detokenize([token]) for token in planned]
        total = 0.0
        for index, token in enumerate(planned):
            logits = sampler.logits(self.llama._ctx, index)
            choice = sampler.choice(logits)
            if choice != token and not b"".join(pieces[index:]).startswith(self.llama.detokenize([choice])):
                total += sampler.shortfall(logits, token)
            if total == float("inf"):
                break
            sampler.accept(token)
        sampler.close()
        self.llama.n_tokens = len(tokens)
        self.llama._ctx.kv_cache_seq_rm(-1, len(tokens), -1)
        return total

    def _evaluate_all(self, batch: list[int]) -> None:
        """Evaluate `batch` after the tokens held, keeping the logits of every position."""
        llama = self.llama
        start = llama.n_tokens
        llama._ctx.kv_cache_seq_rm(-1, start, -1)
        llama._batch.set_batch(batch=batch, n_past=start, logits_all=True)
        self._scored_from = None
        llama._ctx.decode(llama._batch)
        llama.input_ids[start:start + len(batch)] = batch
        llama.n_tokens = start + len(batch)
        self._scored_from = start

    def rank_continuations(self, messages: list[ChatMessage], prefill: str,
                           candidates: dict[str, str]) -> dict[str, float]:
        """Log-probability of each candidate's first token right after `prefill` in the assistant
        turn: one forward pass ranks every candidate (e.g. expert names after '{"api":"')."""
        import numpy as np

        prompt = chatml(messages) + prefill
        tokens = self._fitting(self.tokenize(prompt))
        first = {name: self._first_token_after(prompt, text) for name, text in candidates.items()}
        with self._lock:
            self._prepare_prefix(messages, tokens)
            self._evaluate(tokens)
            logits = np.ctypeslib.as_array(self.llama._ctx.get_logits(), shape=(self.llama.n_vocab(),))
        top = float(logits.max())
        log_norm = top + float(np.log(np.exp(logits - top).sum()))
        return {name: float(logits[token]) - log_norm for name, token in first.items()}

    def warm_prefix(self, system: ChatMessage) -> str:
        """Make the context start with this system turn now (prefetch before a request arrives)."""
        with self._lock:
            messages = [system, ChatMessage("user", "")]
            return self._prepare_prefix(messages, self._prefix_tokens(messages))

    def _fitting(self, tokens: list[int]) -> list[int]:
        """`tokens`, or a ModelError when they do not fit the context (n_ctx in config.toml)."""
        n_ctx = self.llama.n_ctx()
        if len(tokens) >= n_ctx:
            raise ModelError(f"{self.name}: the prompt needs {len(tokens)} tokens but the context (n_ctx) "
                             f"holds {n_ctx}; raise n_ctx for this role in config.toml")
        return tokens

    def _first_token_after(self, prompt: str, continuation: str) -> int:
        base, full = self.tokenize(prompt), self.tokenize(prompt + continuation)
        if full[: len(base)] != base:
            raise ModelError(f"prompt and continuation {continuation!r} do not share a token boundary")
        return full[len(base)]

    def _evaluate(self, tokens: list[int], fresh_logits: bool = True) -> None:
        """Evaluate `tokens`, reusing whatever prefix of them the context already holds (all but
        the last, for fresh logits, unless `fresh_logits` is False)."""
        same = self._held(tokens)
        if fresh_logits:
            same = min(same, len(tokens) - 1)
        self._truncate(same)
        if same < len(tokens):
            self._scored_from = None
            self.llama.eval(tokens[same:])

    def _prepare_prefix(self, messages: list[ChatMessage], tokens: list[int]) -> str:
        outcome = self._restore_prefix(messages, tokens)
        if outcome != "warm":  # the context was replaced, or llama.cpp evaluates it itself
            self._scored_from = None
        return outcome

    def _restore_prefix(self, messages: list[ChatMessage], tokens: list[int]) -> str:
        if self.always_cold:
            self.llama.reset()
            return "off"
        if len(messages) < 2 or messages[0].role != "system":
            return "off"
        prefix = self._prefix_tokens(messages)
        if tokens[: len(prefix)] != prefix:  # the user's turn opened otherwise: the system turn alone
            prefix = self._head_tokens(chatml(messages[:1], open_assistant_turn=False))
        if tokens[: len(prefix)] != prefix:  # not a clean token boundary: let llama.cpp match
            return "off"
        return self.prefix_cache.prepare(prefix)

    def _prefix_tokens(self, messages: list[ChatMessage]) -> list[int]:
        """The stable prefix: the system turn and the opening of the user's turn after it (the
        same for every request, so kept with the system turn rather than evaluated each time)."""
        head = self._head_tokens(chatml(messages[:1], open_assistant_turn=False))
        return head + self._user_turn if messages[1].role == "user" and self.cache_user_turn else head
