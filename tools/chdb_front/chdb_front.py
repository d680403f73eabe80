#!/usr/bin/env python3
"""A small ClickHouse HTTP interface over the in-process chdb engine.

It exists so that tests can run the agent's real ClickHouse queries (through the official Rust
`clickhouse` crate) against a real, modern ClickHouse engine on a machine where no ClickHouse
server can be installed. It implements the subset of the HTTP interface that the crate and OTel
collectors use:

* SQL in `?query=` or in the body (a `query` parameter with a body that is not INSERT data is
  prefixed to the body, as ClickHouse does);
* INSERT data in the body, written to a temp file and read with `FROM INFILE`, because chdb cannot
  take a data stream;
* `decompress=1` bodies in ClickHouse's compressed-block format (LZ4 or none);
* `database`, `default_format` and any other settings parameters, applied to that one query only
  (chdb has one session per process, so they are reset after the query);
* `param_*` server-side parameters, in the URL or in a multipart/form-data body;
* errors as HTTP 500 with `X-ClickHouse-Exception-Code` and ClickHouse's error text.

chdb allows a single connection per process, so every call is serialised with one lock.
The chosen port is printed as the first line of stdout. With `--exit-on-stdin-eof` the process
exits (and removes its data directory) when its parent closes stdin, so a test harness that dies
never leaves it behind.
"""

import argparse
import email.parser
import email.policy
import os
import re
import shutil
import struct
import sys
import tempfile
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import chdb
import lz4.block

SCHEMA_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "otel_schema.sql")

# Parameters of the HTTP interface that are not settings.
NON_SETTINGS = {
    "query",
    "database",
    "default_format",
    "decompress",
    "compress",
    "user",
    "password",
    "query_id",
    "session_id",
    "session_timeout",
    "session_check",
    "quota_key",
    "buffer_size",
    "wait_end_of_query",
    "role",
    "enable_http_compression",
    "http_zlib_compression_level",
    "send_progress_in_http_headers",
}

IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
ERROR_CODE = re.compile(r"Code:\s*(\d+)")
# `INSERT INTO t(cols) FORMAT Name` or `... VALUES` at the end of the statement.
INSERT_TAIL = re.compile(r"\s+(FORMAT\s+([A-Za-z0-9_]+)|VALUES)\s*;?\s*$", re.IGNORECASE)

COMPRESSION_NONE = 0x02
COMPRESSION_LZ4 = 0x82
BLOCK_HEADER = 16 + 9  # checksum + method byte + compressed size + raw size


class FrontError(Exception):
    """An error to report to the client as a ClickHouse exception with the given code."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def decompress_blocks(body):
    """Decodes ClickHouse compressed blocks (checksums are not verified)."""
    out = bytearray()
    pos = 0
    while pos < len(body):
        if len(body) - pos < BLOCK_HEADER:
            raise FrontError(432, "truncated compressed block header")
        method = body[pos + 16]
        compressed_size, raw_size = struct.unpack_from("<II", body, pos + 17)
        start = pos + BLOCK_HEADER
        end = pos + 16 + compressed_size
        if compressed_size < 9 or end > len(body):
            raise FrontError(432, "truncated compressed block")
        payload = body[start:end]
        if method == COMPRESSION_LZ4:
            out += lz4.block.decompress(payload, uncompressed_size=raw_size)
        elif method == COMPRESSION_NONE:
            out += payload
        else:
            raise FrontError(432, f"unsupported compression method 0x{method:02x}")
        pos = end
    return bytes(out)


def sql_string(value):
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def is_insert(sql):
    return sql.lstrip().upper().startswith("INSERT")


def insert_from_file(sql, path):
    """Rewrites an INSERT whose data comes in the body into one that reads the temp file."""
    match = INSERT_TAIL.search(sql)
    if not match:
        raise FrontError(62, "INSERT with a body must end with FORMAT <name> or VALUES")
    fmt = match.group(2) or "Values"
    return f"{sql[: match.start()]} FROM INFILE {sql_string(path)} FORMAT {fmt}"


def parse_multipart(content_type, body):
    """Returns the fields of a multipart/form-data body (the crate sends `param_*` this way)."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
    )
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name:
            fields[name] = part.get_payload(decode=True).decode()
    return fields


class Engine:
    """The one chdb connection of this process, with per-query database and settings."""

    def __init__(self, data_dir):
        self.conn = chdb.connect(data_dir)
        self.lock = threading.Lock()

    def run(self, sql, fmt, database, settings, params):
        with self.lock:
            applied = []
            try:
                self.conn.query(f"USE {database}" if database else "USE default")
                for name, value in settings.items():
                    self.conn.query(f"SET {name} = {sql_string(value)}")
                    applied.append(name)
                result = self.conn.query(sql, fmt, params=params or None)
                return result.bytes()
            finally:
                for name in applied:
                    try:
                        self.conn.query(f"SET {name} = DEFAULT")
                    except Exception:  # noqa: BLE001 - best effort reset
                        pass

    def run_script(self, script):
        """Runs `;`-separated statements (used for the schema)."""
        for statement in split_statements(script):
            self.run(statement, "TabSeparated", None, {}, None)


def split_statements(script):
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "chdb-front"
    engine = None  # set by main

    def log_message(self, fmt, *args):  # keep test output quiet
        if os.environ.get("CHDB_FRONT_LOG"):
            sys.stderr.write("chdb_front: " + (fmt % args) + "\n")

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/", "/ping") and not url.query:
            self.reply(200, b"Ok.\n", {"Content-Type": "text/plain; charset=UTF-8"})
            return
        self.handle_query(b"")

    def do_POST(self):
        self.handle_query(self.read_body())

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size_line = self.rfile.readline()
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def handle_query(self, body):
        tmp_path = None
        try:
            url = urllib.parse.urlsplit(self.path)
            params = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
            content_type = self.headers.get("Content-Type", "")
            if content_type.startswith("multipart/form-data"):
                params.update(parse_multipart(content_type, body))
                body = b""
            elif params.get("decompress") == "1" and body:
                body = decompress_blocks(body)

            query = params.get("query", "")
            if query and body and is_insert(query):
                fd, tmp_path = tempfile.mkstemp(prefix="chdb-front-insert-")
                with os.fdopen(fd, "wb") as f:
                    f.write(body)
                sql = insert_from_file(query, tmp_path)
            else:
                sql = (query + "\n" + body.decode()) if query and body else (query or body.decode())
            if not sql.strip():
                raise FrontError(62, "Empty query")

            database = params.get("database") or None
            if database and not IDENT.match(database):
                raise FrontError(81, f"bad database name {database!r}")
            settings = {}
            query_params = {}
            for name, value in params.items():
                if name.startswith("param_"):
                    query_params[name[len("param_") :]] = value
                elif name not in NON_SETTINGS:
                    if not IDENT.match(name):
                        raise FrontError(115, f"bad setting name {name!r}")
                    settings[name] = value
            fmt = params.get("default_format") or "TabSeparated"
            out = self.engine.run(sql, fmt, database, settings, query_params)
            self.reply(
                200,
                out,
                {
                    "Content-Type": "application/octet-stream",
                    "X-ClickHouse-Format": fmt,
                    "X-ClickHouse-Summary": '{"read_rows":"0","read_bytes":"0","written_rows":"0",'
                    '"written_bytes":"0","total_rows_to_read":"0","result_rows":"0",'
                    '"result_bytes":"0","elapsed_ns":"0"}',
                },
            )
        except FrontError as err:
            self.fail(err.code, str(err))
        except Exception as err:  # noqa: BLE001 - every engine error goes back as a ClickHouse error
            text = str(err)
            match = ERROR_CODE.search(text)
            self.fail(int(match.group(1)) if match else 1000, text)
        finally:
            if tmp_path:
                os.unlink(tmp_path)

    def fail(self, code, text):
        if not text.startswith("Code:"):
            text = f"Code: {code}. DB::Exception: {text}"
        self.reply(
            500,
            (text + "\n").encode(),
            {"Content-Type": "text/plain; charset=UTF-8", "X-ClickHouse-Exception-Code": str(code)},
        )

    def reply(self, status, payload, headers):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def exit_on_stdin_eof(cleanup):
    def watch():
        try:
            while sys.stdin.buffer.read(4096):
                pass
        finally:
            cleanup()
            os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0 = any free)")
    parser.add_argument("--data-dir", help="chdb storage directory (default: a temp dir, removed on exit)")
    parser.add_argument("--init-schema", action="store_true", help="create the OTel exporter tables")
    parser.add_argument("--database", default="otel", help="database for --init-schema")
    parser.add_argument("--exit-on-stdin-eof", action="store_true", help="exit when stdin closes")
    args = parser.parse_args()
    if not IDENT.match(args.database):
        parser.error("--database must be a plain identifier")

    owned_dir = None
    data_dir = args.data_dir
    if not data_dir:
        owned_dir = data_dir = tempfile.mkdtemp(prefix="chdb-front-")

    def cleanup():
        if owned_dir:
            shutil.rmtree(owned_dir, ignore_errors=True)

    Handler.engine = Engine(data_dir)
    if args.init_schema:
        with open(SCHEMA_FILE, encoding="utf-8") as f:
            Handler.engine.run_script(f.read().replace("{db}", args.database))

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    if args.exit_on_stdin_eof:
        exit_on_stdin_eof(cleanup)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        cleanup()


if __name__ == "__main__":
    main()
