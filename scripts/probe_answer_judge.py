"""Probe (measured and dropped, session 29): a passage-level judgement by the confirmer model on
the line the knowledge expert's extractive answer chose, as a check beside the MiniLM ones.

For every question of the nine corpora: the answer as it is (A) and the answer with the "names a
thing no document has" withholding off (B). B's line is judged by the model, as the log-odds of
"yes" against "no" (prompts "a", "c": with four examples) or of anything but "NOT FOUND" (prompt "b":
answer from the line or say NOT FOUND). Prints, for thresholds, answers correct and absent answered
"nothing" when the judge alone decides, when it may rescue a withheld answer, and when it may veto one.
Model-heavy: `flock /work/model.lock python3 scripts/probe_answer_judge.py [1.5b|0.5b] [a|b|c]`.
"""
import math
import re
import sys
import time
from pathlib import Path

TREE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TREE)); sys.path.insert(0, str(TREE / "scripts"))
from calibrate_knowledge import NOW, QUESTIONS, corpus_database, read  # noqa
from assistant.experts.knowledge import RememberingEmbedder  # noqa
from assistant.knowledge import answer as answer_mod  # noqa
from assistant.knowledge.embedder import passage_embedder  # noqa
from assistant.llm.backend import ChatMessage  # noqa
from assistant.llm.llama import LlamaBackend  # noqa

MODEL = sys.argv[1] if len(sys.argv) > 1 else "1.5b"
VARIANT = sys.argv[2] if len(sys.argv) > 2 else "a"
PATH = Path.home() / f".local/share/assistant/models/qwen2.5-coder-{MODEL}-instruct-q4_k_m.gguf"
CORPORA = ["data/knowledge"] + [f"data/knowledge_fresh{n}" for n in ["", 2, 3, 4, 5, 6, 7, 8]]
CORPORA = [c.replace("fresh1", "fresh") for c in CORPORA]
CHECK = ("You check whether a line from the user's own documents answers the user's question. Answer yes only "
         "if the line gives what the question asks about the thing the question names; otherwise answer no.")
EXAMPLES = [("when is the dentist appointment", "Appointments: check-up with Dr Shah on Tuesday 4 May at 9.40am",
             "yes"),
            ("what time is the piano lesson", "Swimming lessons: Wednesdays 4.15pm at the leisure centre", "no"),
            ("how much is the gym membership", "Membership: 32 GBP a month, cancel any time with one month's notice",
             "yes"),
            ("what's the plumber's phone number", "Useful numbers: electrician Dave Cole 07700 900 118", "no")]
SYSTEM = {"a": CHECK,
          "b": "Answer the user's question using only the text from their documents. If the text does not give "
               "the answer, reply exactly: NOT FOUND.",
          "c": CHECK + "\n\nExamples:\n" + "\n".join(f"Question: {q}\nLine: {line}\nAnswer: {a}"
                                                    for q, line, a in EXAMPLES)}[VARIANT]


def line_of(reply: str) -> str:
    return re.sub(r"\s*\([^()]*, page \d+\)\.?\s*$", "", reply)


def judge(llm, question, line):
    messages = [ChatMessage("system", SYSTEM),
                ChatMessage("user", f"Question: {question}\nLine: {line}\n"
                                    "Does the line answer the question? yes or no")]
    if VARIANT == "b":
        messages = [ChatMessage("system", SYSTEM), ChatMessage("user", f"Text: {line}\nQuestion: {question}")]
        s = llm.rank_continuations(messages, "", {"NOT": "NOT FOUND"})["NOT"]
        p = min(max(math.exp(s), 1e-9), 1 - 1e-9)
        return math.log(1 - p) - math.log(p)
    scores = llm.rank_continuations(messages, "", {"yes": "yes", "no": "no", "Yes": "Yes", "No": "No"})
    yes = math.log(math.exp(scores["yes"]) + math.exp(scores["Yes"]))
    no = math.log(math.exp(scores["no"]) + math.exp(scores["No"]))
    return yes - no


def main():
    llm = LlamaBackend(PATH, name=MODEL)
    embedder = RememberingEmbedder(passage_embedder())
    rows = []
    keep_unmatched, keep_lacks = answer_mod.unmatched, answer_mod._lacks_a_thing
    for corpus in CORPORA:
        db = corpus_database("j.db", embedder, TREE / corpus)
        for case in (c for name in QUESTIONS for c in read(name, TREE / corpus)):
            q = case["question"]
            want = (case.get("document"), case.get("page"))
            answer_mod.unmatched, answer_mod._lacks_a_thing = keep_unmatched, keep_lacks
            a = answer_mod.answer(db, q, embedder, NOW)
            answer_mod.unmatched = lambda *x, **k: []
            answer_mod._lacks_a_thing = lambda *x, **k: False
            b = answer_mod.answer(db, q, embedder, NOW)
            answer_mod.unmatched, answer_mod._lacks_a_thing = keep_unmatched, keep_lacks

            def right(ans):
                ok = bool(ans.sources) and (ans.sources[0].document, ans.sources[0].page) == want
                return ok and all(w.lower() in ans.reply.lower() for w in case.get("answer", []))
            row = {"corpus": corpus, "q": q, "answerable": "document" in case, "a_found": a.found,
                   "a_correct": right(a), "b_found": b.found, "b_correct": right(b), "b_reply": b.reply[:300],
                   "relevance": b.relevance}
            if b.found:
                started = time.perf_counter()
                row["judge"] = judge(llm, q, line_of(b.reply))
                row["ms"] = (time.perf_counter() - started) * 1000
            rows.append(row)
    report(rows)


def report(rows: list[dict]) -> None:
    answerable = [r for r in rows if r["answerable"]]
    absent = [r for r in rows if not r["answerable"]]
    judged = lambda r, t: "judge" in r and r["judge"] >= t  # noqa: E731
    print(f"as it is: correct {sum(r['a_correct'] for r in answerable)}/{len(answerable)}, "
          f"absent -> nothing {sum(not r['a_found'] for r in absent)}/{len(absent)}")
    print("threshold | judge alone: correct, nothing | rescue a withheld answer | veto an answer")
    for t in (-4, -3, -2, -1, -0.5, 0, 0.5, 1):
        alone = (sum(r["b_correct"] and judged(r, t) for r in answerable), sum(not judged(r, t) for r in absent))
        rescue = (sum(r["a_correct"] or (not r["a_found"] and r["b_correct"] and judged(r, t)) for r in answerable),
                  sum(not (r["a_found"] or judged(r, t)) for r in absent))
        veto = (sum(r["a_correct"] and judged(r, t) for r in answerable),
                sum(not (r["a_found"] and judged(r, t)) for r in absent))
        print(f"{t:9} | {alone[0]:3} {alone[1]:3} | {rescue[0]:3} {rescue[1]:3} | {veto[0]:3} {veto[1]:3}")


if __name__ == "__main__":
    main()
