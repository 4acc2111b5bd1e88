#!/usr/bin/python3
"""The chat-template peer: jinja2 (Debian's python3-jinja2) set up exactly as transformers'
apply_chat_template sets it up (ImmutableSandboxedEnvironment with trim_blocks, lstrip_blocks and
loopcontrols; tojson, raise_exception and strftime_now as transformers defines them), rendering a
tokenizer_config.json's chat_template for every message of a JSON list as one user turn plus the
generation prompt. strftime_now formats a fixed date, 2026-12-06, which the C++ test passes too.
  render_chat_templates.py <tokenizer_config.json or template.jinja> <messages.json>"""
import json
import sys
from datetime import datetime

import jinja2
import jinja2.ext
from jinja2.sandbox import ImmutableSandboxedEnvironment

TODAY = datetime(2026, 12, 6)


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def main():
    source, tokens = open(sys.argv[1], encoding="utf-8").read(), {}
    if sys.argv[1].endswith(".json"):
        config = json.loads(source)
        source = config["chat_template"]
        for key in ("bos_token", "eos_token", "unk_token", "pad_token", "sep_token", "cls_token", "mask_token"):
            value = config.get(key)
            if isinstance(value, dict):
                value = value.get("content")
            if isinstance(value, str):
                tokens[key] = value
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[jinja2.ext.loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = lambda fmt: TODAY.strftime(fmt)
    template = env.from_string(source)
    messages = json.load(open(sys.argv[2], encoding="utf-8"))
    out = [template.render(messages=[{"role": "user", "content": m}], tools=None, documents=None,
                           add_generation_prompt=True, **tokens) for m in messages]
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
