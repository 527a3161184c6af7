#!/usr/bin/env python3
"""A loopback HTTP server speaking the OpenAI and Ollama wire formats, for Seam's HTTP tests.

Standard library only. It binds 127.0.0.1 on an ephemeral port, prints "PORT <n>" on stdout, and
stops by itself: when its stdin closes (the test that started it is gone), after --lifetime
seconds, or after --idle seconds without a request. Request bodies are capped and every slow or
endless response is bounded, so a forgotten server cannot linger or grow.

Routes (PREFIX is anything, e.g. "/alpha/v1"; it lets two backends share the server and lets
"whoami" tell them apart):

  OpenAI   GET  PREFIX/models             POST PREFIX/chat/completions
  Ollama   GET  PREFIX/api/tags           POST PREFIX/api/chat
  Generic  ANY  /echo                     the request as JSON (method, path, headers, body)
           GET  /status/<code>            that status with a small JSON error body
           GET  /chunks?n=N&delay_ms=D    N chunks "chunk-i;" D ms apart
           GET  /slow?ms=M                waits M ms (at most 10 s) before answering
           GET  /forever                  a chunk every 50 ms for up to 20 s
           GET  /stats                    {"connections": n, "requests": m} so far

A PREFIX containing "/leaky" answers 401 with the Authorization and X-Custom-Auth headers it got
in the error message (a server that leaks credentials). A PREFIX containing "/secure" requires "Authorization: Bearer <--api-key>", "/nolist" has no model
list (404), "/broken" fails it (500) and "/misfit" answers it
with JSON of the other API's shape. The chat scenario is the model id: basic, awkward,
mid-error, server-error, slow, slow-stream, truncated, not-json, finish-no-done, json-always,
echo-request, echo-headers, whoami, forever, keepalive (an SSE comment every 50 ms and no token,
for up to 20 s), tokens-N (N tokens "tok ", for the benchmark), numbered-S-N (stream S: N tokens
"sS-0 ", "sS-1 ", ..., so that concurrent streams can each be checked whole and in order);
Ollama also has error-line and missing.

tls/loopback-cert.pem is a self-signed certificate for IP 127.0.0.1 (valid until 2126), used with
--tls to prove that the host verifies certificates.
"""

import argparse
import json
import os
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

MAX_BODY = 1 << 20
BASIC_TOKENS = ["Hello", " from", " the", " loopback", " server", "."]

STATS = {"connections": 0, "requests": 0}
STATS_LOCK = threading.Lock()
LAST_REQUEST = [time.monotonic()]


def openai_chunk(content=None, finish=None, usage=None, choices=True):
    chunk = {"id": "chatcmpl-loopback", "object": "chat.completion.chunk", "created": 1700000000,
             "model": "loopback"}
    if choices:
        delta = {} if content is None else {"content": content}
        chunk["choices"] = [{"index": 0, "delta": delta, "finish_reason": finish}]
    else:
        chunk["choices"] = []
    if usage is not None:
        chunk["usage"] = usage
    return chunk


def sse(obj):
    return b"data: " + json.dumps(obj, ensure_ascii=False).encode() + b"\n\n"


def awkward_openai_stream():
    """Every SSE oddity the WHATWG rules allow, to be cut into awkward pieces."""
    first = json.dumps({"choices": [{"index": 0, "delta": {"content": "h\u00e9llo "}}]},
                       ensure_ascii=False)
    second = json.dumps({"choices": [{"index": 0, "delta": {"content": "w\u00f6rld "}}]},
                        ensure_ascii=False)
    third_a = '{"choices":[{"index":0,'
    third_b = '"delta":{"content":"\U0001F30D"}}]}'
    fourth = json.dumps({"choices": [{"index": 0, "delta": {"content": "!"},
                                      "finish_reason": "stop"}]})
    usage = json.dumps({"choices": [], "usage": {"prompt_tokens": 7, "completion_tokens": 4}})
    text = (
        ": keep-alive comment\r\n\r\n"            # a comment, then an empty event (no dispatch)
        "event: message\r\nid: 1\r\nretry: 1000\r\n"
        "data: " + first + "\r\n\r\n"             # CRLF line ends
        "data: " + second + "\r\r"                # CR-only line ends
        "data: " + third_a + "\n"                 # one event's data over two lines, joined by \n
        "data: " + third_b + "\n"
        ": a comment between data lines\n\n"
        "data:" + fourth + "\n\n"                 # no space after the colon
        "unknown-field: ignored\n"
        "data: " + usage + "\n\n"
        "data: [DONE]\n\n")
    return text.encode("utf-8")


def awkward_cuts(data):
    """Cut points inside every multi-byte UTF-8 character, between every CR and LF, and every
    11 bytes."""
    cuts = set(range(11, len(data), 11))
    for i, byte in enumerate(data):
        if byte >= 0xC0:
            cuts.add(i + 1)
        if byte == 0x0D and i + 1 < len(data) and data[i + 1] == 0x0A:
            cuts.add(i + 1)
    pieces, start = [], 0
    for cut in sorted(cuts):
        pieces.append(data[start:cut])
        start = cut
    pieces.append(data[start:])
    return [p for p in pieces if p]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "seam-loopback/1"

    def setup(self):
        super().setup()
        # Small writes must leave at once: a stream's timing is what the tests and bench measure.
        try:
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        with STATS_LOCK:
            STATS["connections"] += 1

    def log_message(self, format, *args):  # noqa: A002 - quiet unless asked
        if self.server.verbose:
            sys.stderr.write("loopback: " + (format % args) + "\n")

    # ---- plumbing ------------------------------------------------------------------------------

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise ValueError("body too large")
        return self.rfile.read(length) if length else b""

    def send_json(self, status, obj, extra_headers=()):
        body = json.dumps(obj, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra_headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def start_stream(self, content_type):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()

    def chunk(self, data):
        if data:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def end_stream(self):
        self.wfile.write(b"0\r\n\r\n")

    def stream_pieces(self, content_type, pieces, delay=0.0):
        self.start_stream(content_type)
        for piece in pieces:
            self.chunk(piece)
            if delay:
                time.sleep(delay)
        self.end_stream()

    # ---- dispatch ------------------------------------------------------------------------------

    def handle_any(self):
        with STATS_LOCK:
            STATS["requests"] += 1
        LAST_REQUEST[0] = time.monotonic()
        url = urlsplit(self.path)
        path = url.path
        try:
            body = self.read_body()
        except ValueError:
            self.send_json(413, {"error": {"message": "request body too large"}})
            return
        if path == "/echo":
            return self.send_json(200, {"method": self.command, "path": self.path,
                                        "headers": dict(self.headers.items()),
                                        "body": body.decode("utf-8", "replace")})
        if path.startswith("/status/"):
            code = int(path.rsplit("/", 1)[1])
            return self.send_json(code, {"error": {"message": "status %d on purpose" % code}})
        if path == "/chunks":
            query = parse_qs(url.query)
            n = min(int(query.get("n", ["3"])[0]), 1000)
            delay = min(int(query.get("delay_ms", ["0"])[0]), 1000) / 1000.0
            pieces = [b"chunk-%d;" % i for i in range(n)]
            return self.stream_pieces("text/plain", pieces, delay)
        if path == "/slow":
            ms = min(int(parse_qs(url.query).get("ms", ["1000"])[0]), 10000)
            time.sleep(ms / 1000.0)
            return self.send_json(200, {"slept_ms": ms})
        if path == "/forever":
            return self.forever(b"tick;", "text/plain")
        if path == "/stats":
            with STATS_LOCK:
                return self.send_json(200, dict(STATS))

        prefix, route = self.split_route(path)
        if route is None:
            return self.send_json(404, {"error": {"message": "no route for " + path}})
        if "/leaky" in prefix:
            # A careless server that echoes the credentials it was sent in its error body.
            return self.send_json(401, {"error": {
                "message": "Key not accepted: " + str(self.headers.get("Authorization")) +
                           " / " + str(self.headers.get("x-custom-auth")),
                "type": "invalid_request_error"}})
        if "/secure" in prefix:
            expected = "Bearer " + self.server.api_key
            if self.headers.get("Authorization") != expected:
                if route.startswith("ollama"):
                    return self.send_json(401, {"error": "unauthorized"})
                return self.send_json(401, {"error": {
                    "message": "Incorrect API key provided.", "type": "invalid_request_error",
                    "code": "invalid_api_key"}})
        request = {}
        if body:
            try:
                request = json.loads(body)
            except ValueError:
                return self.send_json(400, {"error": {"message": "body is not JSON"}})
        getattr(self, "route_" + route)(prefix, request, body)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any

    ROUTES = [("/chat/completions", "openai_chat"), ("/models", "openai_models"),
              ("/api/chat", "ollama_chat"), ("/api/tags", "ollama_tags")]

    def split_route(self, path):
        for suffix, route in self.ROUTES:
            if path.endswith(suffix):
                return path[: -len(suffix)], route
        return path, None

    def forever(self, piece, content_type, make=None):
        self.start_stream(content_type)
        deadline = time.monotonic() + 20
        try:
            while time.monotonic() < deadline:
                self.chunk(make() if make else piece)
                time.sleep(0.05)
            self.end_stream()
        except OSError:
            pass  # the client went away: that is the point of the test

    def tokens_for(self, model, prefix, body):
        """The text pieces a chat scenario answers with, the same for both APIs."""
        if model == "whoami":
            return [prefix]
        if model == "echo-request":
            return [body.decode()]
        if model == "echo-headers":
            return [json.dumps(dict(self.headers.items()))]
        if model.startswith("tokens-"):
            return ["tok "] * min(int(model.split("-", 1)[1]), 1000000)
        if model.startswith("numbered-"):
            stream, count = model.split("-")[1:3]
            return ["s%d-%d " % (int(stream), i) for i in range(min(int(count), 1000000))]
        return BASIC_TOKENS

    # ---- OpenAI --------------------------------------------------------------------------------

    def route_openai_models(self, prefix, request, body):
        if "/nolist" in prefix:
            return self.send_json(404, {"error": {"message": "Not found"}})
        if "/broken" in prefix:
            return self.send_json(500, {"error": {"message": "model registry unavailable"}})
        if "/misfit" in prefix:
            return self.send_json(200, {"models": [{"name": "basic"}]})
        models = ["basic", "awkward", "whoami"]
        self.send_json(200, {"object": "list", "data": [
            {"id": m, "object": "model", "created": 1700000000, "owned_by": "loopback"}
            for m in models]})

    def route_openai_chat(self, prefix, request, body):
        model = request.get("model", "basic")
        stream = bool(request.get("stream", False))
        usage = {"prompt_tokens": 9, "completion_tokens": len(BASIC_TOKENS),
                 "total_tokens": 9 + len(BASIC_TOKENS)}
        if model == "server-error":
            return self.send_json(500, {"error": {
                "message": "The server had an error while processing your request.",
                "type": "server_error"}})
        if model == "slow":
            time.sleep(3)
            return self.send_json(200, {"choices": []})
        tokens = self.tokens_for(model, prefix, body)
        if model == "json-always" or not stream:
            text = "".join(tokens)
            return self.send_json(200, {
                "id": "chatcmpl-loopback", "object": "chat.completion", "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                             "finish_reason": "stop"}],
                "usage": usage})
        if model == "awkward":
            return self.stream_pieces("text/event-stream", awkward_cuts(awkward_openai_stream()),
                                      0.001)
        if model == "forever":
            return self.forever(None, "text/event-stream",
                                lambda: sse(openai_chunk("tick ")))
        if model == "keepalive":
            return self.forever(b": keep-alive\n\n", "text/event-stream")
        if model == "not-json":
            return self.stream_pieces("text/event-stream", [b"data: hello there\n\n"])
        if model.startswith("tokens-"):
            # The benchmark: one HTTP chunk and one SSE event per token, as a real server streams
            # them, but written in large slices so the server's own pace (Python) does not hide
            # the client's cost.
            event = sse(openai_chunk("tok "))
            framed = [b"%x\r\n%s\r\n" % (len(event), event)] * len(tokens)
            for tail in (sse(openai_chunk(finish="stop")),
                         sse(openai_chunk(choices=False, usage={
                             "prompt_tokens": 1, "completion_tokens": len(tokens)})),
                         b"data: [DONE]\n\n"):
                framed.append(b"%x\r\n%s\r\n" % (len(tail), tail))
            framed.append(b"0\r\n\r\n")
            body = b"".join(framed)
            self.start_stream("text/event-stream")
            for start in range(0, len(body), 65536):
                self.wfile.write(body[start:start + 65536])
            return

        pieces = [b": stream opened\n\n"] + [sse(openai_chunk(t)) for t in tokens]
        if model == "mid-error":
            pieces = pieces[:3] + [sse({"error": {
                "message": "The model was overloaded mid-answer.", "type": "server_error"}})]
            return self.stream_pieces("text/event-stream", pieces)
        if model == "truncated":
            return self.stream_pieces("text/event-stream", pieces[:3])
        if model == "slow-stream":
            self.start_stream("text/event-stream")
            self.chunk(pieces[1])
            time.sleep(3)
            return  # the client has timed out long before
        pieces.append(sse(openai_chunk(finish="stop")))
        if model == "finish-no-done":
            return self.stream_pieces("text/event-stream", pieces)
        if (request.get("stream_options") or {}).get("include_usage"):
            pieces.append(sse(openai_chunk(choices=False, usage=usage)))
        pieces.append(b"data: [DONE]\n\n")
        self.stream_pieces("text/event-stream", pieces)

    # ---- Ollama --------------------------------------------------------------------------------

    def route_ollama_tags(self, prefix, request, body):
        if "/broken" in prefix:
            return self.send_json(500, {"error": "tags unavailable"})
        if "/misfit" in prefix:
            return self.send_json(200, {"object": "list", "data": [{"id": "basic"}]})
        self.send_json(200, {"models": [
            {"name": "llama3.2:latest", "model": "llama3.2:latest", "size": 2019393189,
             "digest": "a80c4f17acd5", "details": {"family": "llama", "parameter_size": "3.2B"}},
            {"name": "basic", "model": "basic", "size": 1, "digest": "0",
             "details": {"family": "loopback"}}]})

    def route_ollama_chat(self, prefix, request, body):
        model = request.get("model", "basic")
        stream = request.get("stream", True)
        if model == "missing":
            return self.send_json(404, {
                "error": 'model "missing" not found, try pulling it first'})
        if model == "server-error":
            return self.send_json(500, {"error": "llama runner process has terminated"})
        if model == "slow":
            time.sleep(3)
            return self.send_json(200, {})
        tokens = self.tokens_for(model, prefix, body)

        def line(obj):
            return (json.dumps(obj, ensure_ascii=False) + "\n").encode()

        def piece(text):
            return {"model": model, "created_at": "2024-01-01T00:00:00Z",
                    "message": {"role": "assistant", "content": text}, "done": False}

        final = {"model": model, "created_at": "2024-01-01T00:00:00Z",
                 "message": {"role": "assistant", "content": ""}, "done": True,
                 "done_reason": "stop", "prompt_eval_count": 11, "eval_count": len(tokens)}
        if not stream:
            whole = dict(final)
            whole["message"] = {"role": "assistant", "content": "".join(tokens)}
            return self.send_json(200, whole)
        if model == "forever":
            return self.forever(None, "application/x-ndjson", lambda: line(piece("tick ")))
        lines = [line(piece(t)) for t in tokens]
        if model == "error-line":
            return self.stream_pieces("application/x-ndjson", lines[:2] + [
                line({"error": "llama runner crashed mid-answer"})])
        if model == "truncated":
            return self.stream_pieces("application/x-ndjson", lines[:2])
        if model == "awkward":
            text = ("\r\n".join(json.dumps(piece(t), ensure_ascii=False)
                                for t in ["h\u00e9llo ", "w\u00f6rld ", "\U0001F30D"]) +
                    "\r\n\n" + json.dumps(final))  # CRLF, a blank line, no final newline
            return self.stream_pieces("application/x-ndjson",
                                      awkward_cuts(text.encode("utf-8")), 0.001)
        self.stream_pieces("application/x-ndjson", lines + [line(final)])


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False

    def handle_error(self, request, client_address):
        # A client that hangs up mid-stream (a cancel or timeout test) is expected, not news.
        error = sys.exc_info()[1]
        if isinstance(error, (BrokenPipeError, ConnectionResetError, ssl.SSLError)):
            return
        super().handle_error(request, client_address)


def watch(server, lifetime, idle):
    """Stops the server when stdin closes, the lifetime ends or it sits idle too long."""
    def stdin_closed():
        try:
            while sys.stdin.buffer.read(1024):
                pass
        except OSError:
            pass
        server.shutdown()

    def clock():
        started = time.monotonic()
        while True:
            time.sleep(0.5)
            now = time.monotonic()
            if now - started > lifetime or now - LAST_REQUEST[0] > idle:
                server.shutdown()
                return

    threading.Thread(target=stdin_closed, daemon=True).start()
    threading.Thread(target=clock, daemon=True).start()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lifetime", type=float, default=300, help="seconds before it stops")
    parser.add_argument("--idle", type=float, default=120, help="idle seconds before it stops")
    parser.add_argument("--api-key", default="sk-loopback-secret")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    server = Server(("127.0.0.1", 0), Handler)
    server.api_key = args.api_key
    server.verbose = args.verbose
    if args.tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls[0], args.tls[1])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    watch(server, args.lifetime, args.idle)
    sys.stdout.write("PORT %d\n" % server.server_address[1])
    sys.stdout.flush()
    try:
        server.serve_forever(poll_interval=0.1)
    finally:
        server.server_close()
    # Daemon threads may still sit in a slow response; leave without waiting for them.
    os._exit(0)


if __name__ == "__main__":
    main()
