#!/usr/bin/python3
"""Writes marshal streams of Keras Lambda code objects as Python 3.6-3.13 would, byte by byte.

tst_lambda_code runs this with Debian's python3 (3.11), which can only marshal its own layout, so
the other versions' code-object layouts and opcodes are built here by hand from CPython's
Python/marshal.c (w_object) and Lib/opcode.py of each version. Prints one JSON object:
{"<version>/<case>": "<base64 as Keras' func_dump writes it>", ...}.
"""

import codecs
import json
import struct

FLAG_REF = 0x80
LAYOUT = {"3.6": "36", "3.7": "36", "3.8": "38", "3.9": "38", "3.10": "38",
          "3.11": "311", "3.12": "311", "3.13": "311"}

# Opcodes per version family (Lib/opcode.py); "caches" are 3.11+ inline cache entries.
OPCODES = {
    "3.6": dict(LOAD_GLOBAL=116, LOAD_ATTR=106, LOAD_FAST=124, LOAD_CONST=100, CALL_FUNCTION=131,
                CALL_FUNCTION_KW=141, RETURN_VALUE=83, BINARY_MULTIPLY=20),
    "3.7": dict(LOAD_GLOBAL=116, LOAD_ATTR=106, LOAD_METHOD=160, LOAD_FAST=124, LOAD_CONST=100,
                CALL_FUNCTION=131, CALL_FUNCTION_KW=141, CALL_METHOD=161, RETURN_VALUE=83,
                BINARY_MULTIPLY=20),
    "3.11": dict(RESUME=151, LOAD_GLOBAL=116, LOAD_ATTR=106, LOAD_METHOD=160, LOAD_FAST=124,
                 LOAD_CONST=100, KW_NAMES=172, PRECALL=166, CALL=171, RETURN_VALUE=83, BINARY_OP=122),
    "3.12": dict(RESUME=151, LOAD_GLOBAL=116, LOAD_ATTR=106, LOAD_FAST=124, LOAD_CONST=100,
                 KW_NAMES=172, CALL=171, RETURN_VALUE=83, BINARY_OP=122),
    "3.13": dict(RESUME=149, LOAD_GLOBAL=91, LOAD_ATTR=82, LOAD_FAST=85, LOAD_CONST=83, CALL=53,
                 CALL_KW=57, RETURN_VALUE=36, BINARY_OP=45),
}
for version in ("3.8", "3.9", "3.10"):
    OPCODES[version] = OPCODES["3.7"]
BINARY_OP_MULTIPLY = 5
STACK_SIZE = 8   # enough for the calls below; a real Python loading these must not overflow


class Writer:
    """marshal.dumps for the few types a lambda's code object holds, with FLAG_REF and 'r' refs
    for repeated strings the way CPython writes interned names."""

    def __init__(self, layout):
        self.layout = layout
        self.out = bytearray()
        self.refs = {}
        self.ref_count = 0

    def byte(self, value):
        self.out += bytes([value])

    def long(self, value):
        self.out += struct.pack("<i", value)

    def obj(self, value):
        if value is None:
            self.out += b"N"
        elif value is True:
            self.out += b"T"
        elif value is False:
            self.out += b"F"
        elif isinstance(value, int):
            self.out += b"i"
            self.long(value)
        elif isinstance(value, bytes):
            self.out += b"s"
            self.long(len(value))
            self.out += value
        elif isinstance(value, str):
            self.string(value)
        elif isinstance(value, tuple):
            self.out += b")"
            self.byte(len(value))
            for item in value:
                self.obj(item)
        else:
            raise TypeError(value)

    def string(self, text):
        if text in self.refs:
            self.out += b"r"
            self.long(self.refs[text])
            return
        self.refs[text] = self.take_ref()
        self.byte(ord("Z") | FLAG_REF)   # short interned ASCII
        self.byte(len(text))
        self.out += text.encode("ascii")

    def take_ref(self):
        self.ref_count += 1
        return self.ref_count - 1

    def code(self, argcount, bytecode, consts, names, varnames):
        self.byte(ord("c") | FLAG_REF)
        self.take_ref()   # reserved before the fields, as r_ref_reserve does
        flags = 0x43 if self.layout != "311" else 0x03
        if self.layout == "36":
            fields = [argcount, 0, len(varnames), STACK_SIZE, flags]   # argcount kwonly nlocals stacksize flags
        elif self.layout == "38":
            fields = [argcount, 0, 0, len(varnames), STACK_SIZE, flags]   # + posonlyargcount
        else:
            fields = [argcount, 0, 0, STACK_SIZE, flags]   # argcount posonly kwonly stacksize flags
        for field in fields:
            self.long(field)
        self.obj(bytes(bytecode))
        self.obj(tuple(consts))
        self.obj(tuple(names))
        self.obj(tuple(varnames))
        if self.layout == "311":
            self.obj(bytes([0x20] * len(varnames)))   # localspluskinds: CO_FAST_LOCAL
            self.obj("<s>")
            self.obj("<lambda>")
            self.obj("<lambda>")   # qualname
            self.long(1)
            self.obj(b"\x80\x00")   # linetable
            self.obj(b"")   # exceptiontable
        else:
            self.obj(())   # freevars
            self.obj(())   # cellvars
            self.obj("<s>")
            self.obj("<lambda>")
            self.long(1)
            self.obj(b"")   # lnotab / linetable


def instruction(version, name, arg=0, caches=0):
    return [OPCODES[version][name], arg] + [0, 0] * caches


def call_bytecode(version, path, positional, keywords, consts):
    """`lambda x: path(x, *positional, **keywords)`; consts are the code's constants."""
    index = consts.index
    kwnames = tuple(keywords)
    values = list(positional) + list(keywords.values())
    argc = 1 + len(values)
    method = not keywords and version != "3.6"   # 3.7-3.10 use LOAD_METHOD only without keywords
    code = []
    if version in ("3.11", "3.12", "3.13"):
        code += instruction(version, "RESUME")
        code += instruction(version, "LOAD_GLOBAL", 0 << 1, 4 if version != "3.11" else 5)
        for i in range(1, len(path)):
            last = i == len(path) - 1
            if version == "3.11":
                code += instruction(version, "LOAD_METHOD", i, 10) if last else instruction(version, "LOAD_ATTR", i, 4)
            else:
                code += instruction(version, "LOAD_ATTR", (i << 1) | int(last), 9)
    else:
        code += instruction(version, "LOAD_GLOBAL", 0)
        for i in range(1, len(path)):
            last = i == len(path) - 1
            code += instruction(version, "LOAD_METHOD" if last and method else "LOAD_ATTR", i)
    code += instruction(version, "LOAD_FAST", 0)
    for value in values:
        code += instruction(version, "LOAD_CONST", const_index(version, consts, value))
    if version in ("3.11", "3.12"):
        if kwnames:
            code += instruction(version, "KW_NAMES", index(kwnames))
        if version == "3.11":
            code += instruction(version, "PRECALL", argc, 1)
        code += instruction(version, "CALL", argc, 4 if version == "3.11" else 3)
    elif version == "3.13":
        if kwnames:
            code += instruction(version, "LOAD_CONST", index(kwnames))
        code += instruction(version, "CALL_KW", argc) if kwnames else instruction(version, "CALL", argc, 3)
    elif kwnames:
        code += instruction(version, "LOAD_CONST", index(kwnames))
        code += instruction(version, "CALL_FUNCTION_KW", argc)
    else:
        code += instruction(version, "CALL_METHOD" if method else "CALL_FUNCTION", argc)
    code += instruction(version, "RETURN_VALUE")
    return code


def const_index(version, consts, value):
    # consts.index(True) would find 1 (True == 1): compare types too.
    for i, const in enumerate(consts):
        if type(const) is type(value) and const == value:
            return i
    raise ValueError(value)


def call_consts(version, positional, keywords):
    consts = [None]
    for value in list(positional) + list(keywords.values()):
        if const_index_or_none(consts, value) is None:
            consts.append(value)
    if keywords:
        consts.append(tuple(keywords))
    # 3.6's peephole optimiser folded -2 into a new constant and left the 2 it started from.
    if version == "3.6":
        for value in list(consts):
            if isinstance(value, int) and not isinstance(value, bool) and value < 0:
                consts.insert(1, -value)
    return consts


def const_index_or_none(consts, value):
    try:
        return const_index(None, consts, value)
    except ValueError:
        return None


def reduction_stream(version, path, argument, positional=(), keywords=None):
    keywords = keywords or {}
    consts = call_consts(version, positional, keywords)
    writer = Writer(LAYOUT[version])
    writer.code(1, call_bytecode(version, path, positional, keywords, consts), consts, path, [argument])
    return bytes(writer.out)


def times_two_stream(version):
    """`lambda x: x * 2`."""
    code = []
    if version in ("3.11", "3.12", "3.13"):
        code += instruction(version, "RESUME")
    code += instruction(version, "LOAD_FAST", 0) + instruction(version, "LOAD_CONST", 1)
    if "BINARY_OP" in OPCODES[version]:
        code += instruction(version, "BINARY_OP", BINARY_OP_MULTIPLY, 1)
    else:
        code += instruction(version, "BINARY_MULTIPLY")
    code += instruction(version, "RETURN_VALUE")
    writer = Writer(LAYOUT[version])
    writer.code(1, code, [None, 2], [], ["x"])
    return bytes(writer.out)


def malformed_streams():
    """Streams broken on purpose."""
    good = reduction_stream("3.8", ["K", "sum"], "x", (1,))
    unknown = bytearray(good)
    unknown[good.index(b")\x02N") + 2] = ord("Q")   # in the constants (None, 1): no type has code 'Q'
    # 3.11 writes the qualname '<lambda>' as a ref to the name just before it; point it nowhere.
    bad_ref = bytearray(reduction_stream("3.11", ["K", "sum"], "x", (1,)))
    qualname_ref = bad_ref.index(bytes([ord("Z") | FLAG_REF, 8]) + b"<lambda>r") + 10
    bad_ref[qualname_ref + 1:qualname_ref + 5] = struct.pack("<i", 127)
    return {"3.8/unknown_type_code": bytes(unknown), "3.11/bad_ref": bytes(bad_ref),
            "3.8/not_code": b"N", "3.8/trailing_bytes": good + b"N"}


def cases():
    streams = {}
    for version in LAYOUT:
        streams[version + "/sum_axis_keyword"] = reduction_stream(
            version, ["K", "sum"], "xin", keywords={"axis": -2})
        streams[version + "/mean_axis_positional"] = reduction_stream(
            version, ["K", "mean"], "x", (1,))
        streams[version + "/reduce_max_keepdims"] = reduction_stream(
            version, ["tf", "math", "reduce_max"], "x", keywords={"axis": 2, "keepdims": True})
        streams[version + "/ops_min_positional_keepdims"] = reduction_stream(
            version, ["keras", "ops", "min"], "x", (-1, True))
        streams[version + "/times_two"] = times_two_stream(version)
    streams.update(malformed_streams())
    return streams


def func_dump_text(raw):
    """What keras.utils.generic_utils.func_dump stores: base64 with a newline every 76 characters."""
    return codecs.encode(raw, "base64").decode("ascii")


if __name__ == "__main__":
    print(json.dumps({name: func_dump_text(raw) for name, raw in cases().items()}, indent=1))
