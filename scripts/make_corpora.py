#!/usr/bin/python3
"""Writes the two public-domain corpora the text-trained models learn from (resources/corpora/).

  scripts/make_corpora.py CHAR_RNN_GIT CHINESE_POETRY_GIT

CHAR_RNN_GIT: a clone (or bare git directory) of github.com/karpathy/char-rnn; its
data/tinyshakespeare/input.txt is copied byte for byte to shakespeare.txt.
CHINESE_POETRY_GIT: a clone of github.com/chinese-poetry/chinese-poetry; the Tang poems of
全唐诗/poet.tang.*.json (traditional characters) become tang-poems.txt: whole regular poems only
(every line two clauses of 5 or of 7 characters, "，" between and "。" after), converted to
simplified characters by OpenCC's t2s (Debian's opencc), one poem a paragraph, titles and authors
dropped (a model of this size learns the poem's form; titles are too irregular to learn).
Only poems whose characters are all among the 3000 most frequent are kept, so the vocabulary and
the model stay small. The files' sources and commits are written to SOURCES.md.
"""
import collections
import json
import pathlib
import re
import subprocess
import sys

OUT = pathlib.Path(__file__).resolve().parent.parent / "resources" / "corpora"
REGULAR_LINE = re.compile(r"^(?:[\u4e00-\u9fff]{5}，[\u4e00-\u9fff]{5}。|[\u4e00-\u9fff]{7}，[\u4e00-\u9fff]{7}。)$")
VOCAB = 3000


def git(repo, *args):
    return subprocess.run(["git", f"--git-dir={repo}", *args], check=True, capture_output=True).stdout


def git_dir(path):
    path = pathlib.Path(path)
    return path / ".git" if (path / ".git").exists() else path


def tang_poems(repo):
    names = git(repo, "-c", "core.quotepath=off", "ls-tree", "--name-only", "HEAD", "全唐诗/").decode().split("\n")
    files = sorted((n for n in names if re.fullmatch(r"全唐诗/poet\.tang\.\d+\.json", n)),
                   key=lambda n: int(n.split(".")[-2]))
    poems = []
    for name in files:
        for poem in json.loads(git(repo, "show", f"HEAD:{name}")):
            lines = [line.strip() for line in poem.get("paragraphs", [])]
            if len(lines) >= 2 and all(REGULAR_LINE.match(line) for line in lines):
                width = len(lines[0]) // 2
                if all(len(line) // 2 == width for line in lines):
                    poems.append("\n".join(lines))
    simplified = subprocess.run(["opencc", "-c", "t2s"], input="\n\n".join(poems).encode(), check=True,
                                capture_output=True).stdout.decode()
    poems = simplified.split("\n\n")
    counts = collections.Counter(ch for poem in poems for ch in poem if ch not in "，。\n")
    common = {ch for ch, _ in counts.most_common(VOCAB)}
    return [p for p in poems if all(ch in common or ch in "，。\n" for ch in p)]


def main():
    if len(sys.argv) == 2 and sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        return
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    char_rnn, poetry = git_dir(sys.argv[1]), git_dir(sys.argv[2])
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "shakespeare.txt").write_bytes(git(char_rnn, "show", "HEAD:data/tinyshakespeare/input.txt"))
    poems = tang_poems(poetry)
    (OUT / "tang-poems.txt").write_text("\n\n".join(poems) + "\n", encoding="utf-8")
    commit = lambda repo: git(repo, "rev-parse", "HEAD").decode().strip()
    (OUT / "SOURCES.md").write_text(f"""# Where the corpora come from

Both texts are in the public domain. scripts/make_corpora.py writes them from these commits.

- `shakespeare.txt`: Shakespeare's plays as in karpathy/char-rnn, `data/tinyshakespeare/input.txt`
  (commit {commit(char_rnn)}), byte for byte: {(OUT / "shakespeare.txt").stat().st_size} bytes.
- `tang-poems.txt`: {len(poems)} regular Tang poems (五言/七言, every line two clauses of 5 or 7
  characters) from chinese-poetry/chinese-poetry, `全唐诗/poet.tang.*.json` (commit
  {commit(poetry)}; the collection is MIT-licensed, the poems are public domain), converted to
  simplified characters by OpenCC (`opencc -c t2s`), titles and authors dropped, one poem a
  paragraph; only poems whose characters are all among the {VOCAB} most frequent are kept.
""", encoding="utf-8")
    print(f"shakespeare.txt and {len(poems)} poems in tang-poems.txt written to {OUT}")


if __name__ == "__main__":
    main()
