#!/usr/bin/env python3
"""The server's own statement split, as a test oracle (PostgreSQL's parser via pglast/libpg_query).

stdin: a JSON array of SQL texts. stdout: a JSON array, one object per text:
  {"statements": [text, ...]}  each statement as the server's parser delimits it (trailing
                               white space removed), or
  {"error": message}           when the parser rejects the text;
plus "scanError": the scanner's own error (an unterminated quote or comment), or null.
"""
import json
import sys

from pglast import parser


def split(sql):
    result = {"scanError": None}
    try:
        parser.scan(sql)
    except Exception as error:  # pglast raises its own ParseError
        result["scanError"] = str(error)
    try:
        result["statements"] = [s.rstrip(" \t\n\r\f\v") for s in parser.split(sql, with_parser=True)]
    except Exception as error:
        result["error"] = str(error)
    return result


def main():
    texts = json.load(sys.stdin)
    json.dump([split(text) for text in texts], sys.stdout)


if __name__ == "__main__":
    main()
