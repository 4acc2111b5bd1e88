// The peer: Hugging Face's tokenizers pipeline as @lenml/tokenizers ports it (transformers.js),
// run on a real tokenizer.json and tokenizer_config.json. For every string of a JSON list it
// prints the ids (special tokens added as the model's post-processor says) and their decoding.
//   node hf_tokenizer_encode.js <node_modules> <model folder> <strings.json>
const path = require('path');
const fs = require('fs');
const { TokenizerLoader } = require(path.join(process.argv[2], '@lenml', 'tokenizers'));
const folder = process.argv[3];
const tokenizer = TokenizerLoader.fromPreTrained({
  tokenizerJSON: JSON.parse(fs.readFileSync(path.join(folder, 'tokenizer.json'), 'utf-8')),
  tokenizerConfig: JSON.parse(fs.readFileSync(path.join(folder, 'tokenizer_config.json'), 'utf-8')),
});
const strings = JSON.parse(fs.readFileSync(process.argv[4], 'utf-8'));
const out = strings.map((s) => {
  const ids = tokenizer.encode(s);
  // The decoders' own output: transformers' clean_up_tokenization_spaces is a display rule, left out.
  const text = ids.length ? tokenizer.decode(ids, { clean_up_tokenization_spaces: false }) : '';
  return { ids, text };
});
process.stdout.write(JSON.stringify(out));
