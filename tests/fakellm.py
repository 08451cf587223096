"""A scripted OpenAI-compatible server on 127.0.0.1, for testing the real client path.

It speaks `/v1/chat/completions` and `/v1/models`, answers in the form the request asks for (a tool
call when the request has `tools`, JSON in the message text otherwise), reports token usage, and
injects faults on demand: 429, 500, a hang past the client's timeout, broken JSON, schema-invalid
output, prose instead of JSON, a hallucinated quote. The default "model" echoes real sentences of
the chunk it was sent that carry a commitment cue, so answers are a function of the request.

It also speaks the Batch API (`POST /v1/files` multipart, `GET /v1/files/{id}[/content]`,
`POST /v1/batches`, `GET /v1/batches/{id}`): each line of a batch is answered by the same responder
and fault queue as a live call (a 429/500 fault becomes a failed line in the error file), the batch
reports `in_progress` for `batch_polls` retrievals before `completed`, and `batch_expire_after = k`
makes it end `expired` with only its first k lines answered.

Requests of the diff's LLM judge (extractor/diff_judge.py) are answered by `diff_judge(script)`
responders; `word_overlap_script` is a toy judge for manual runs.

Run it alone for a manual check: `python tests/fakellm.py --port 8765 --latency 0.2` (add
`--diff-judge` to answer `extract diff --judge llm` and `bench/diff_quality.py --judge-url`).
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FAULTS = ("429", "500", "hang", "broken_json", "schema_invalid", "prose", "hallucinate", "not_json", "trickle",
          "429_long")
NOT_JSON = b"<html><body><h1>Welcome to nginx!</h1></body></html>"  # a proxy's page instead of the API's answer
HALLUCINATED_QUOTE = "We will donate every model we train to the public domain within 24 hours"
_CHUNK = re.compile(r"<<<DOCUMENT CHUNK (\S+)>>>\n(.*?)\n<<<END DOCUMENT CHUNK \1>>>", re.S)
_SENT = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_CUES = [("must_not", r"\b(?:will not|must not|shall not|won't|do not)\b"),
         ("intend", r"\b(?:aim|intend|plan|expect|hope|seek|strive)s? to\b"),
         ("should", r"\bshould\b"), ("may", r"\b(?:may|reserve the right)\b"),
         ("must", r"\b(?:will|must|shall|commit to|are required to|ensure)\b")]

Answer = dict[str, Any] | str  # a JSON object to send, or raw text (for broken output)
Responder = Callable[[dict[str, Any], str], Answer]


def count_tokens(text: str) -> int:
    return len(_TOKEN.findall(text))


def chunk_of(request: dict[str, Any]) -> str:
    """The DOCUMENT CHUNK the client put in its user message ("" if none)."""
    for m in request.get("messages", []):
        if m.get("role") == "user" and isinstance(m.get("content"), str):
            found = _CHUNK.search(m["content"])
            if found:
                return found.group(2)
    return ""


def is_reask(request: dict[str, Any]) -> bool:
    return any(m.get("role") == "tool" or "Validation Error" in str(m.get("content", ""))
               for m in request.get("messages", [])[2:])


def echo_commitments(chunk: str) -> list[dict[str, Any]]:
    """What a diligent model would say, roughly: the cue-bearing sentences, verbatim."""
    out = []
    for sent in _SENT.split(chunk):
        sent = " ".join(sent.split()).rstrip(".")
        if len(sent) < 20 or sent.startswith(("#", "[[")):
            continue
        for modality, pattern in _CUES:
            if re.search(pattern, sent, re.I):
                out.append({"quote": sent, "actor": "we", "modality": modality, "trigger": None,
                            "safeguard": sent, "specificity": "concrete", "verifiable": True})
                break
    return out


def echo(request: dict[str, Any], chunk: str) -> Answer:
    return {"commitments": echo_commitments(chunk)}


# -- the diff's LLM judge (extractor/diff_judge.py): one OLD COMMITMENT, numbered CANDIDATEs

_DIFF_FENCED = re.compile(r"<<<(OLD COMMITMENT|CANDIDATE \d+) (\S+)>>>\n(.*?)\n<<<END \1 \2>>>", re.S)
DiffScript = Callable[[str, list[str], dict[str, Any]], "tuple[str | None, str] | dict[str, Any]"]


def diff_judge_request(request: dict[str, Any]) -> tuple[str, list[str]] | None:
    """The OLD COMMITMENT and the numbered candidate quotes of a diff-judge request (None if not one)."""
    for m in request.get("messages", []):
        if m.get("role") == "user" and isinstance(m.get("content"), str):
            found = _DIFF_FENCED.findall(m["content"])
            old = [text for label, _nonce, text in found if label == "OLD COMMITMENT"]
            if old:
                return old[0], [text for label, _nonce, text in found if label.startswith("CANDIDATE")]
    return None


def diff_judge(script: DiffScript) -> Responder:
    """A responder for diff-judge requests: `script(old_quote, candidate_quotes, request)` returns
    (words of the chosen candidate, or None for no counterpart; label), or a raw answer to send.
    Other requests get the default extraction answer."""

    def respond(request: dict[str, Any], chunk: str) -> Answer:
        parsed = diff_judge_request(request)
        if parsed is None:
            return echo(request, chunk)
        old, shown = parsed
        decision = script(old, shown, request)
        if isinstance(decision, dict):
            return decision
        target, label = decision
        if target is None:
            return {"reason": "scripted: no counterpart", "match": 0, "label": "removed"}
        numbers = [n for n, quote in enumerate(shown, start=1) if target in quote]
        if not numbers:
            return {"reason": f"scripted target not among the candidates: {target}", "match": 0, "label": "removed"}
        return {"reason": f"scripted: {label}", "match": numbers[0], "label": label}

    return respond


def word_overlap_script(old: str, shown: list[str], request: dict[str, Any]) -> dict[str, Any]:
    """A toy diff judge for manual runs (`--diff-judge`): the candidate sharing the most words with the
    old quote, none when it shares under a third of them. Its choices mean nothing; it exercises the path."""
    words = set(re.findall(r"\w+", old.lower()))
    shared = [len(words & set(re.findall(r"\w+", q.lower()))) for q in shown]
    if not shown or 3 * max(shared) < len(words):
        return {"reason": "toy judge: few shared words", "match": 0, "label": "removed"}
    best = shared.index(max(shared))
    return {"reason": "toy judge: most shared words", "match": best + 1, "label": "reworded"}


class FakeLLM:
    """The server; `faults` is a queue consumed one per request, `requests` records every body."""

    def __init__(self, responder: Responder = echo, latency: float = 0.0, hang_seconds: float = 3.0,
                 model: str = "fake-model") -> None:
        self.responder = responder
        self.latency = latency
        self.hang_seconds = hang_seconds
        self.trickle_interval = 1.0  # seconds between the bytes of a "trickle" answer
        self.model = model
        self.faults: deque[str] = deque()
        self.requests: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.inflight = 0
        self.max_inflight = 0
        self.served = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        # the Batch API
        self.batch_api = True  # False: 404 on the batch endpoints, like vLLM or Ollama
        self.batch_polls = 2  # retrievals answered `in_progress` before the batch is `completed`
        self.batch_expire_after: int | None = None  # end `expired` after answering this many lines
        self.files: dict[str, dict[str, Any]] = {}  # id -> {"bytes", "purpose", "filename"}
        self.batches: dict[str, dict[str, Any]] = {}  # id -> the batch object (+ private "_" keys)
        self.batch_lines: list[dict[str, Any]] = []  # every request body received in a batch
        self.batch_retrievals = 0

    # -- control

    def inject(self, *faults: str) -> None:
        for f in faults:
            if f not in FAULTS:
                raise ValueError(f"unknown fault {f!r}")
            self.faults.append(f)

    def reset(self) -> None:
        with self.lock:
            self.faults.clear()
            self.requests.clear()
            self.inflight = self.max_inflight = self.served = 0
            self.files.clear()
            self.batches.clear()
            self.batch_lines.clear()
            self.batch_retrievals = 0
        self.responder = echo
        self.latency = 0.0
        self.trickle_interval = 1.0
        self.batch_api = True
        self.batch_polls = 2
        self.batch_expire_after = None

    @property
    def chat_requests(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if "messages" in r]

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self, port: int = 0) -> FakeLLM:
        fake = self

        class Handler(_Handler):
            server_fake = fake

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 256
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="fakellm", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeLLM:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- answering

    def answer(self, body: dict[str, Any]) -> tuple[int, dict[str, str], dict[str, Any] | None]:
        with self.lock:
            self.requests.append(body)
            fault = self.faults.popleft() if self.faults else None
        if self.latency:
            time.sleep(self.latency)
        return self._respond(body, fault)

    def _respond(self, body: dict[str, Any], fault: str | None) -> tuple[int, dict[str, str], dict[str, Any] | None]:
        if fault == "429":
            return 429, {"Retry-After": "0"}, {"error": {"message": "rate limited", "type": "rate_limit"}}
        if fault == "429_long":
            return 429, {"Retry-After": "86400"}, {"error": {"message": "quota exhausted", "type": "rate_limit"}}
        if fault == "not_json":
            return 200, {"Content-Type": "text/html"}, None
        if fault == "500":
            return 500, {}, {"error": {"message": "internal error", "type": "server_error"}}
        if fault == "hang":
            time.sleep(self.hang_seconds)
        chunk = chunk_of(body)
        answer: Answer = self.responder(body, chunk)
        if fault == "broken_json":
            answer = '{"commitments": [{"quote": "We will'
        elif fault == "schema_invalid":
            answer = {"commitments": [{"quote": 42, "modality": "definitely", "verifiable": "perhaps"}]}
        elif fault == "prose":
            answer = "Sure! Here is a summary of the commitments in prose instead of JSON."
        elif fault == "trickle":
            return 200, {"X-Fake-Trickle": "1"}, self._completion(body, answer)
        elif fault == "hallucinate" and isinstance(answer, dict):
            invented = {"quote": HALLUCINATED_QUOTE, "actor": "we", "modality": "must", "trigger": None,
                        "safeguard": "donate every model", "specificity": "quantitative", "verifiable": True}
            answer = {"commitments": [*answer.get("commitments", []), invented]}
        return 200, {}, self._completion(body, answer)

    def _completion(self, body: dict[str, Any], answer: Answer) -> dict[str, Any]:
        text = answer if isinstance(answer, str) else json.dumps(answer)
        message: dict[str, Any] = {"role": "assistant", "content": None}
        tools = body.get("tools") or []
        if tools and not (isinstance(answer, str) and not answer.lstrip().startswith("{")):
            name = tools[0]["function"]["name"]
            message["tool_calls"] = [{"id": f"call_{self.served}", "type": "function",
                                      "function": {"name": name, "arguments": text}}]
        else:
            mode_md = "json" not in json.dumps(body.get("response_format") or {}) and not tools
            message["content"] = f"```json\n{text}\n```" if mode_md and not isinstance(answer, str) else text
        prompt = sum(count_tokens(str(m.get("content") or "")) for m in body.get("messages", []))
        prompt += count_tokens(json.dumps(tools)) if tools else 0
        completion = count_tokens(text)
        with self.lock:
            self.served += 1
        return {"id": f"chatcmpl-{self.served}", "object": "chat.completion", "created": int(time.time()),
                "model": body.get("model", self.model),
                "choices": [{"index": 0, "message": message,
                             "finish_reason": "tool_calls" if "tool_calls" in message else "stop"}],
                "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                          "total_tokens": prompt + completion}}


    # -- the Batch API

    def upload(self, content_type: str, raw: bytes) -> dict[str, Any]:
        """POST /v1/files (multipart/form-data: `purpose` and `file`)."""
        msg = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw)
        fields: dict[str, bytes] = {}
        filename = "upload.jsonl"
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            fields[str(name)] = part.get_payload(decode=True) or b""
            if name == "file":
                filename = str(part.get_filename() or filename)
        if "file" not in fields:
            raise ValueError("multipart upload without a `file` part")
        return self._store_file(fields["file"], fields.get("purpose", b"").decode(), filename)

    def _store_file(self, data: bytes, purpose: str, filename: str) -> dict[str, Any]:
        file_id = f"file-{uuid.uuid4().hex[:16]}"
        obj = {"id": file_id, "object": "file", "bytes": len(data), "created_at": int(time.time()),
               "filename": filename, "purpose": purpose, "status": "processed"}
        with self.lock:
            self.files[file_id] = {**obj, "_bytes": data}
        return obj

    def file_info(self, file_id: str) -> dict[str, Any] | None:
        with self.lock:
            f = self.files.get(file_id)
        return None if f is None else {k: v for k, v in f.items() if not k.startswith("_")}

    def file_content(self, file_id: str) -> bytes | None:
        with self.lock:
            f = self.files.get(file_id)
        return None if f is None else bytes(f["_bytes"])

    def create_batch(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """POST /v1/batches: the lines are answered now; retrievals reveal the result after `batch_polls`."""
        data = self.file_content(str(body.get("input_file_id")))
        if data is None:
            return 404, {"error": {"message": "input file not found", "type": "invalid_request_error"}}
        if body.get("endpoint") != "/v1/chat/completions" or body.get("completion_window") != "24h":
            return 400, {"error": {"message": "unsupported endpoint or window", "type": "invalid_request_error"}}
        out: list[str] = []
        errors: list[str] = []
        total = 0
        for n, line in enumerate(data.decode("utf-8").splitlines()):
            if not line.strip():
                continue
            total += 1
            req = json.loads(line)
            rid = f"batch_req_{uuid.uuid4().hex[:12]}"
            if self.batch_expire_after is not None and n >= self.batch_expire_after:
                errors.append(json.dumps({"id": rid, "custom_id": req["custom_id"], "response": None, "error": {
                    "code": "batch_expired", "message": "This request could not be executed before the "
                    "completion window expired."}}))
                continue
            with self.lock:
                self.batch_lines.append(req["body"])
                fault = self.faults.popleft() if self.faults else None
            status, _headers, payload = self._respond(req["body"], fault)
            record = json.dumps({"id": rid, "custom_id": req["custom_id"], "error": None,
                                 "response": {"status_code": status, "request_id": rid, "body": payload}})
            (out if status == 200 else errors).append(record)
        batch_id = f"batch_{uuid.uuid4().hex[:16]}"
        expired = self.batch_expire_after is not None and self.batch_expire_after < total
        output = self._store_file(("\n".join(out) + "\n").encode(), "batch_output", f"{batch_id}_output.jsonl") \
            if out else None
        error = self._store_file(("\n".join(errors) + "\n").encode(), "batch_output", f"{batch_id}_error.jsonl") \
            if errors else None
        batch = {"id": batch_id, "object": "batch", "endpoint": body["endpoint"], "errors": None,
                 "input_file_id": body["input_file_id"], "completion_window": "24h", "status": "validating",
                 "output_file_id": None, "error_file_id": None, "created_at": int(time.time()),
                 "request_counts": {"total": total, "completed": 0, "failed": 0},
                 "metadata": body.get("metadata"),
                 "_final": {"status": "expired" if expired else "completed",
                            "output_file_id": output["id"] if output else None,
                            "error_file_id": error["id"] if error else None,
                            "request_counts": {"total": total, "completed": len(out), "failed": len(errors)}},
                 "_polls_left": self.batch_polls}
        with self.lock:
            self.batches[batch_id] = batch
        return 200, {k: v for k, v in batch.items() if not k.startswith("_")}

    def retrieve_batch(self, batch_id: str) -> dict[str, Any] | None:
        with self.lock:
            batch = self.batches.get(batch_id)
            if batch is None:
                return None
            self.batch_retrievals += 1
            if batch["_polls_left"] > 0:
                batch["_polls_left"] -= 1
                batch["status"] = "in_progress"
            else:
                batch.update(batch["_final"])
                stamp = "expired_at" if batch["status"] == "expired" else "completed_at"
                batch.setdefault(stamp, int(time.time()))
            return {k: v for k, v in batch.items() if not k.startswith("_")}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_fake: FakeLLM

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
        pass

    def _send(self, status: int, payload: dict[str, Any] | bytes, headers: dict[str, str] | None = None) -> None:
        is_json = not isinstance(payload, bytes)
        raw = json.dumps(payload).encode("utf-8") if not isinstance(payload, bytes) else payload
        headers = dict(headers or {})
        trickle = headers.pop("X-Fake-Trickle", None) is not None
        content_type = headers.pop("Content-Type", None)
        if content_type == "text/html":
            raw = NOT_JSON
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type or ("application/json" if is_json else
                                                               "application/octet-stream"))
            self.send_header("Content-Length", str(len(raw)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            if trickle:  # the headers at once, then the body one byte a second (never ends in practice)
                self.wfile.flush()
                for i in range(len(raw)):
                    self.wfile.write(raw[i : i + 1])
                    self.wfile.flush()
                    time.sleep(self.server_fake.trickle_interval)
            else:
                self.wfile.write(raw)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def do_GET(self) -> None:  # noqa: N802
        fake = self.server_fake
        if self.path.rstrip("/") == "/fake/stats":  # for a server in another process (the bench)
            with fake.lock:
                stats = {"requests": len(fake.chat_requests), "served": fake.served,
                         "max_inflight": fake.max_inflight}
            self._send(200, stats)
        elif self.path.rstrip("/") == "/fake/reset":
            latency = fake.latency
            fake.reset()
            fake.latency = latency
            self._send(200, {"reset": True})
        elif self.path.rstrip("/").endswith("/models"):
            self._send(200, {"object": "list", "data": [{"id": fake.model, "object": "model", "owned_by": "fake"}]})
        elif not fake.batch_api and re.search(r"/(?:files|batches)\b", self.path):
            self._send(404, {"error": {"message": "not found"}})
        elif m := re.search(r"/files/([^/?]+)(/content)?/?(?:\?|$)", self.path):
            found: dict[str, Any] | bytes | None = (fake.file_content(m.group(1)) if m.group(2)
                                                    else fake.file_info(m.group(1)))
            self._send(200, found) if found is not None else self._send(404, {"error": {"message": "no such file"}})
        elif m := re.search(r"/batches/([^/?]+)/?(?:\?|$)", self.path):
            batch = fake.retrieve_batch(m.group(1))
            self._send(200, batch) if batch is not None else self._send(404, {"error": {"message": "no such batch"}})
        else:
            self._send(404, {"error": {"message": "not found"}})

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        fake = self.server_fake
        if not fake.batch_api and re.search(r"/(?:files|batches)\b", self.path):
            self._send(404, {"error": {"message": "not found"}})
            return
        if self.path.rstrip("/").endswith("/files"):
            try:
                self._send(200, fake.upload(self.headers.get("Content-Type", ""), raw))
            except ValueError as exc:
                self._send(400, {"error": {"message": str(exc), "type": "invalid_request_error"}})
            return
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            self._send(400, {"error": {"message": "invalid JSON body"}})
            return
        if self.path.rstrip("/").endswith("/batches"):
            self._send(*fake.create_batch(body))
            return
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send(404, {"error": {"message": "not found"}})
            return
        with fake.lock:
            fake.inflight += 1
            fake.max_inflight = max(fake.max_inflight, fake.inflight)
        try:
            status, headers, payload = fake.answer(body)
        finally:
            with fake.lock:
                fake.inflight -= 1
        self._send(status, payload or {}, headers)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=8765, help="0: any free port (printed)")
    ap.add_argument("--latency", type=float, default=0.0)
    ap.add_argument("--diff-judge", action="store_true",
                    help="answer `extract diff --judge llm` requests with a toy word-overlap judge")
    args = ap.parse_args()
    responder = diff_judge(word_overlap_script) if args.diff_judge else echo
    fake = FakeLLM(responder=responder, latency=args.latency).start(args.port)
    print(fake.url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
