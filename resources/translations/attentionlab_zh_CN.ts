<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ColorMaps</name>
    <message>
        <source>Viridis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cividis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Magma</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Pipeline</name>
    <message>
        <source>Encoder layer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoder layer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source embeddings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target embeddings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoder output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoder output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>self-attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cross-attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>feed-forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Residual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Norm %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FFN ·W₁</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FFN ·W₂</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emb + Pos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RoPE Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RoPE K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALiBi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>× V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>Tiny classroom model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d_model 8, 2 heads, 1 encoder layer, sinusoidal positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BERT-like encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d_model 32, 4 heads, 2 layers, learned positions, GELU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPT-like decoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decoder-only with a causal mask, pre-norm, learned positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Translation (encoder-decoder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>我 爱 机器 学习 → I love machine learning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RoPE decoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rotary position embedding inside attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALiBi decoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linear distance penalty, 4 heads with different slopes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 G</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot tell the format of &apos;%1&apos;: use .png, .svg or .pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the trace has no stage named &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention weights: every layer and head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the folder &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>position i</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>position j</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Positional encoding: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write &apos;%1&apos;: the folder &apos;%2&apos; does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the scale must be between 0 and 16, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot encode &apos;%1&apos; as PNG (the image may be too large)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> self</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> cross</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type at least one word: there are no tokens to attend to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the text has %1 tokens but max_len is %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of memory: use fewer tokens or a smaller model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StageMatrix</name>
    <message>
        <source>head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>source token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hidden unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 × %3 heads</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn</name>
    <message>
        <source>queries: what each token is looking for (all heads side by side)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keys: what each token offers to be found by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>values: what each token passes on when attended to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queries after RoPE: each pair of features rotated by position · θ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keys after RoPE: each pair of features rotated by position · θ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queries split into heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keys split into heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>values split into heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>raw scores: how well each query matches each key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scores divided by √d_k so their spread does not grow with the head size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALiBi: a penalty growing with the distance between query and key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mask: 0 where the query may look at the key, -∞ where it may not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scaled scores with the mask added: hidden keys become -∞</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attention weights: each row is a probability distribution over the keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each head&apos;s output: the weighted average of its value vectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the heads&apos; outputs concatenated side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the block&apos;s output: heads mixed by the output projection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the encoder&apos;s output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the decoder&apos;s output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sinusoidal positional encoding: sines and cosines of the position, one frequency per pair of features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learned positional embedding: row p of pos_embedding.weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RoPE adds nothing here: it rotates q and k inside each self-attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALiBi adds nothing here: it biases the scores inside each self-attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no positional encoding: the model sees a bag of tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token embeddings: one vector per token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>embeddings plus positions: the input of the first layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>final layer norm of the encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>final layer norm of the decoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>feed-forward: each token expanded to dim_feedforward features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>feed-forward: ReLU keeps what fires, zeroes the rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>feed-forward: GELU keeps what fires, softly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>feed-forward output: back to d_model features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>residual: the input plus self-attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>residual: the input plus cross-attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>residual: the input plus the feed-forward network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer norm of the sub-layer&apos;s input: each token rescaled to mean 0, variance 1, then γ and β</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer norm of the residual sum: each token rescaled to mean 0, variance 1, then γ and β</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the layer&apos;s output, input of the next layer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ui::CompareView</name>
    <message>
        <source>&amp;Pin this trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>difference: now − pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the current trace aside, then change something and compare (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the pinned trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blue: smaller now than when pinned; red: larger; white: unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin the trace, then change a word, a weight, the positional encoding or the mask.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pinned: “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pinned trace has no stage %1 (the model&apos;s layout changed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No difference map: the shapes differ (pinned %1, now %2). Change a word for one of the same length to compare cell by cell.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now − pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No difference in this stage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest change in this stage (all heads): %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ui::ConfigPanel</name>
    <message>
        <source>Choose an example…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a built-in example: its model and its sentence (undoable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load example %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encoder-only (BERT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decoder-only (GPT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encoder-decoder (translation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which stacks the model has; decoder self-attention is always causal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d_model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features per token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention heads; d_model must be divisible by it (head size d_k = d_model / heads)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoder layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers in the encoder stack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoder layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers in the decoder stack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed-forward size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden units of each layer&apos;s feed-forward network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The feed-forward non-linearity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-norm (norm_first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer norm before each sub-layer instead of after the residual sum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LayerNorm ε</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added to the variance before the square root, e.g. 1e-5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sinusoidal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RoPE (rotary)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALiBi (linear bias)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the model knows where each token is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frequency base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base of the sinusoidal and RoPE frequencies: 10000 in the paper, 2 for the textbook variant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest input the model accepts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights and token vectors are drawn from this seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Causal encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide later tokens in encoder self-attention too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sliding window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 = off; w = each query sees only keys at distance &lt; w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pad token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens written like this are masked as keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open weights…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a PyTorch nn.Transformer state_dict saved as .safetensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type a number such as 1e-5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type a number such as 10000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type a whole number of at least 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the seed (Xavier, as PyTorch initialises)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ui::CostView</name>
    <message>
        <source>&amp;Measure time and memory against length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>multiply-adds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What each stage keeps (4 bytes a float) and the multiply-adds that computed it; click a row to show it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the engine on 8, 16, … 512 random tokens with this config and plot its time and memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sequence length n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time per forward pass (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trace memory (MB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(shared)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;The mask of &lt;i&gt;%1&lt;/i&gt; lets through %2% of the query–key pairs: a kernel that skips hidden pairs (sliding window, block-sparse) would do that share of the QKᵀ and weights·V work. This engine computes every pair, to show them all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 multiply-adds&lt;/b&gt; and &lt;b&gt;%2&lt;/b&gt; of intermediates for n = %3 tokens, d_model = %4. Scores and weights grow as n², projections and the feed-forward as n.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop &amp;measuring</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ui::ExplainPanel</name>
    <message>
        <source>How the number under the pointer (or the selected cell) was computed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Hover a cell&lt;/b&gt; to see how its number was computed, with the real numbers.&lt;/p&gt;&lt;p&gt;Click a cell to pin it; use ↓ to walk through the cells one by one.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ui::ExportMenu</name>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stage view…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current stage as PNG, SVG or PDF, or its numbers as CSV, NPY or JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Heads grid…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every layer and head in one image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;All heads into a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One file per layer and head, plus the grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lines view…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lines view as PNG, SVG or PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ositions view…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The positional encoding and its position similarity as PNG, SVG or PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Positions &amp;curves…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The positional-encoding curves as PNG, SVG or PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy stage view as image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the current stage figure on the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG only: 1 = screen size (96 dpi), 2 = 192 dpi for slides, 4 for print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size of the labels, in pixels at scale 1 (points in a PDF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No background, for slides with their own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write each number in its cell when it fits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale (PNG):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Font size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transparent background:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values in cells:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG vector image (*.svg);;PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG vector image (*.svg);;PDF (*.pdf);;CSV table (*.csv);;NumPy array (*.npy);;JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export heads grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export every head into…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images also get a grid of all heads (all-heads.&lt;format&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 files to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export positions view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the stage figure to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ui::HeadsView</name>
    <message>
        <source>Attention weights of every layer and head; click one to open it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, head %2: click to open</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ui::HeatmapWidget</name>
    <message>
        <source>Type a number and press Enter; Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a finite number: type a value such as 0.5 or -1e3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ui::InputPanel</name>
    <message>
        <source>&amp;Text (source):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;arget text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type any sentence: words and punctuation become tokens, and every Chinese character is its own token. The whole computation follows each keystroke.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The decoder&apos;s sentence (encoder-decoder models): its queries attend to the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tokens the model sees, numbered by position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ui::LessonPanel</name>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ &amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a lesson; each step sets up the app and explains what you see</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a lesson file you wrote (JSON, see docs/LESSONS.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous step (Page Up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step (Page Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lessons (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a lesson…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This step could not set up the app: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guided lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nine lessons walk through attention with the live model: dot products, scaling, masks, heads, positions, cross-attention, the whole block, cost and common mistakes.

Choose one above, or press **Page Down** to start with the first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your turn: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Done: press Next to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Not yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ui::LinesView</name>
    <message>
        <source>Which attention block to draw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show one head, or all heads in their own colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line opacity = attention weight. Hover a token to keep only its lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— head %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ui::MainWindow</name>
    <message>
        <source>computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention Lab did not close properly. Unsaved work from %1 can be recovered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the unsaved session (then save it where you like)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the unsaved copy and keep the example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot recover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step back to the previous stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step over: the next stage of the computation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step into: walk the cells (softmax: the rows) one by one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step out: stop walking cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play or pause: step automatically at the chosen speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show head %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;values in cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write each number in its cell when it fits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark palette</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light text on a dark background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour map for weights and other non-negative matrices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mistakes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a saved session (.attn.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save session &amp;as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;weights (.safetensors)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Colour map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Normal size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full screen, large type, only the live view and the step controls (F5; Esc leaves)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave presentation mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;High contrast in presentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pure black on white for projectors that wash colours out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch the interface and the lessons to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Learn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next lesson step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous lesson step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step of the lesson (Page Down, as a presenter&apos;s clicker sends)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous step of the lesson (Page Up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pin trace for comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this trace aside; change something and the Compare view shows the difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear pinned trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Attention Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Attention Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Attention Lab %1&lt;/h3&gt;&lt;p&gt;Transformer attention, computed step by step, with the same numbers as PyTorch&apos;s nn.Transformer.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;table cellpadding=3&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;→&lt;/b&gt;&lt;/td&gt;&lt;td&gt;next stage&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;←&lt;/b&gt;&lt;/td&gt;&lt;td&gt;previous stage&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;↓&lt;/b&gt;&lt;/td&gt;&lt;td&gt;step into: next cell (softmax: next row)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;↑&lt;/b&gt;&lt;/td&gt;&lt;td&gt;step out&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space&lt;/b&gt;&lt;/td&gt;&lt;td&gt;play / pause&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1…9&lt;/b&gt;&lt;/td&gt;&lt;td&gt;head 1…9&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;V&lt;/b&gt;&lt;/td&gt;&lt;td&gt;values in cells&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Z / Ctrl+Shift+Z&lt;/b&gt;&lt;/td&gt;&lt;td&gt;undo / redo&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+ + / Ctrl+ −&lt;/b&gt;&lt;/td&gt;&lt;td&gt;zoom&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Page Down / Page Up&lt;/b&gt;&lt;/td&gt;&lt;td&gt;next / previous lesson step&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+P&lt;/b&gt;&lt;/td&gt;&lt;td&gt;pin the trace for comparison&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;presentation mode (Esc leaves)&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[*] — Attention Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Fix the highlighted input; showing the last good computation</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n stage(s) computed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>   •   %n warning(s): hover for details</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session has changes that are not saved. Save them first?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention Lab sessions (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention Lab sessions (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>safetensors (*.safetensors);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot use these weights</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ui::MatrixTableModel</name>
    <message>
        <source>“%1” is not a finite number; the value is unchanged</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ui::MistakesView</name>
    <message>
        <source>Forgetting the 1/√d_k scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softmax over the wrong axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixing heads when reshaping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding the mask after the softmax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A bug people often write; its weights are computed on the same input as the trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weights the model really computes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the buggy code computes from the same queries, keys and mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, head %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>correct: softmax(Q·Kᵀ/√d_k + mask) along each row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mistake: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without dividing by √d_k = %1 the scores spread %1 times wider, so the softmax saturates: the largest weight is %2 instead of %3. With larger heads this gets worse and gradients vanish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normalising down the columns makes each key&apos;s column sum to 1, not each query&apos;s row: row sums are %1 instead of 1. A query no longer gets a probability distribution over the keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reshaping (T, D) straight to (H, T, d_k) without the transpose gives this head a run of %1 numbers that mixes several tokens and heads. The shapes fit, so no error is raised: only the numbers are wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden keys still took part in the softmax, then were zeroed: row sums are %1 instead of 1, and what a query sees depended on keys it must not see.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ui::PipelineStrip</name>
    <message>
        <source>Which part of the model the strip shows: embeddings, a layer, or the output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which attention head the heatmap shows (Ctrl+1 … Ctrl+9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ui::PositionalPanel</name>
    <message>
        <source>Sinusoidal (base 10000)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sinusoidal, base 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RoPE (rotary)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALiBi (linear bias)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch the model&apos;s positional encoding and watch the attention change (undoable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A few columns of the table plotted against position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Positional encoding: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>position i</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>position j</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ui::SessionController</name>
    <message>
        <source>Edit text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit target text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the embedding of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open weights %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ui::StageView</name>
    <message>
        <source>Hover a cell to see how its number was computed; click to pin it. Embedding cells can be edited with a double-click.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>   (head %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1    shape %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>operand: %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (head %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>attn::ui::WeightsEditor</name>
    <message>
        <source>Which numbers to edit: token embeddings or a weight tensor (PyTorch state_dict name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a number to change it; Ctrl+Z undoes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token embeddings (source)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token embeddings (target)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has %2 numbers: too many to edit in a table</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
