#!/usr/bin/python3
"""Writes tests/data/jinja/cases.json: small templates and what jinja2 (Debian's python3-jinja2),
set up as transformers' apply_chat_template sets it up, renders for them, so the C++ tests check
Attention Lab's chat-template renderer (core/hf/jinja*.cpp) case by case: whitespace control,
trim_blocks and lstrip_blocks, loops and loop.*, scoping and namespaces, Python's arithmetic,
tojson, tests, filters, string methods and str() of values.
  make_jinja_cases.py   (run from the repository's top folder)"""
import json
import sys

if len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help"):
    print(__doc__)
    sys.exit(0)

import jinja2
import jinja2.ext
from jinja2.sandbox import ImmutableSandboxedEnvironment

env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[jinja2.ext.loopcontrols])
env.filters["tojson"] = lambda x, ensure_ascii=False, indent=None, separators=None, sort_keys=False: json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)
ctx = {"messages": [{"role": "system", "content": " Be brief. "}, {"role": "user", "content": "Hi<think>a</think>\n\nthere"}], "n": 7, "none_value": None}
cases = [
 "a\n  {% if true %}\n    b\n  {% endif %}\nc\n",
 "{%- for m in messages -%}\n[{{ loop.index0 }}/{{ loop.length }}{{ '!' if loop.last }}{{ m.role }}]\n{%- endfor %}",
 "{% for m in messages[::-1] %}{{ m['role'] }},{% endfor %}",
 "{{ messages[1].content.split('</think>')[-1].lstrip('\\n') }}|{{ messages[0].content | trim }}|{{ messages | length }}",
 "{% set ns = namespace(found=false, i=-1) %}{% for m in messages %}{% if m.role == 'user' %}{% set ns.found = true %}{% set ns.i = loop.index0 %}{% endif %}{% endfor %}{{ ns.found }} {{ ns.i }}",
 "{% set x = 1 %}{% for m in messages %}{% set x = 2 %}{% endfor %}{{ x }}",
 "{{ 7 // 2 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 2 ** 10 }} {{ 'ab' ~ 3 }} {{ 'x' * 3 }}",
 "{{ {'a': [1, 2.5, none, true], 'b': 'é\"'} | tojson }}|{{ [1, {'k': 'v'}] | tojson(indent=2) }}",
 "{{ none_value is none }} {{ undefined_name is defined }} {{ n is number }} {{ 'x' is string }} {{ messages is mapping }} {{ n is not odd }}",
 "{% for i in range(5) %}{% if i == 1 %}{% continue %}{% endif %}{% if i == 3 %}{% break %}{% endif %}{{ i }}{% endfor %}",
 "{{ 'a' in 'cat' }} {{ 'z' not in 'cat' }} {{ 'user' in messages[1].values() }} {{ 'role' in messages[0] }}",
 "{{ messages[5] is defined }}{{ ''.join(['a', 'b']) }}{{ 'A-b'.lower() }}{{ '  x '.strip() }}{{ 'a,b,,c'.split(',') }}",
 "  {#- a comment -#}  \n{{ 'kept' }}   {{- 'glued' }}",
 "{% if false %}x{% elif n > 5 %}big{% else %}small{% endif %}",
 "{{ [1, 2, 3] | first }}{{ [1, 2, 3] | last }}{{ [3, 1] | join('-') }}{{ nothing | default('dflt') }}",
 "{{ 1.0 }} {{ 0.1 + 0.2 }} {{ 1.5e3 if false else 10 / 4 }} {{ 2E-1 }} {{ none_value }} {{ [none_value, 'q'] }}",
]
out = [[c, env.from_string(c).render(**ctx)] for c in cases]
with open("tests/data/jinja/cases.json", "w", encoding="utf-8") as f:
    json.dump({"context": ctx, "cases": out}, f, ensure_ascii=False, indent=1)
