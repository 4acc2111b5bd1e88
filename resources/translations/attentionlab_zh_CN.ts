<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ColorMaps</name>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>Cividis</source>
        <translation>Cividis</translation>
    </message>
    <message>
        <source>Magma</source>
        <translation>Magma</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>灰度</translation>
    </message>
</context>
<context>
    <name>Figure</name>
    <message>
        <source>%1 pt is too narrow for this figure: its labels and colour bar alone take %2 pt</source>
        <translation>%1 pt 对这张图太窄：仅标签和色条就要占 %2 pt</translation>
    </message>
    <message>
        <source>the width &apos;%1&apos; is not a length: give a positive number with in, cm, mm or pt, e.g. 3.3in (one column) or 7in (full width)</source>
        <translation>宽度“%1”不是长度：请给出带 in、cm、mm 或 pt 的正数，例如 3.3in（单栏）或 7in（通栏）</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>已掩码</translation>
    </message>
</context>
<context>
    <name>HeadsGrid</name>
    <message>
        <source>enc %1</source>
        <translation>编码器 %1</translation>
    </message>
    <message>
        <source>dec %1</source>
        <translation>解码器 %1</translation>
    </message>
    <message>
        <source>cross</source>
        <translation>交叉</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>%1 pt is too narrow for %2 heads side by side (each would be %3 pt wide): choose fewer heads or a wider figure</source>
        <translation>%1 pt 放不下并排的 %2 个头（每个只有 %3 pt 宽）：请少选几个头，或用更宽的图</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is not a list such as 0,2-4</source>
        <translation>%1“%2”不是 0,2-4 这样的列表</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; names %3, but there are only %4 (0 to %5)</source>
        <translation>%1“%2”写了 %3，但只有 %4 个（0 到 %5）</translation>
    </message>
    <message>
        <source>this trace has no attention weights to draw</source>
        <translation>这份计算记录里没有可画的注意力权重</translation>
    </message>
    <message>
        <source>there is no layer %1: this model has %2</source>
        <translation>没有层 %1：这个模型有 %2 层</translation>
    </message>
    <message>
        <source>there is no head %1: this model has %2 a layer</source>
        <translation>没有头 %1：这个模型每层有 %2 个头</translation>
    </message>
    <message>
        <source>head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>Attention weights: every layer and head</source>
        <translation>注意力权重：所有层和所有头</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>%1 tokens; each cell is the largest of %2 × %2 weights</source>
        <translation>%1 个词元；每个格子是 %2 × %2 个权重中最大的那个</translation>
    </message>
    <message>
        <source>%1 tokens; rows are queries, columns keys</source>
        <translation>%1 个词元；行是查询，列是键</translation>
    </message>
</context>
<context>
    <name>Pipeline</name>
    <message>
        <source>Encoder layer %1</source>
        <translation>编码器层 %1</translation>
    </message>
    <message>
        <source>Decoder layer %1</source>
        <translation>解码器层 %1</translation>
    </message>
    <message>
        <source>Source embeddings</source>
        <translation>源序列嵌入</translation>
    </message>
    <message>
        <source>Target embeddings</source>
        <translation>目标序列嵌入</translation>
    </message>
    <message>
        <source>Encoder output</source>
        <translation>编码器输出</translation>
    </message>
    <message>
        <source>Decoder output</source>
        <translation>解码器输出</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>self-attention</source>
        <translation>自注意力</translation>
    </message>
    <message>
        <source>cross-attention</source>
        <translation>交叉注意力</translation>
    </message>
    <message>
        <source>feed-forward</source>
        <translation>前馈网络</translation>
    </message>
    <message>
        <source>+ Residual</source>
        <translation>+ 残差</translation>
    </message>
    <message>
        <source>Norm %1</source>
        <translation>归一化 %1</translation>
    </message>
    <message>
        <source>FFN ·W₁</source>
        <translation>FFN ·W₁</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>FFN ·W₂</source>
        <translation>FFN ·W₂</translation>
    </message>
    <message>
        <source>Final norm</source>
        <translation>最终归一化</translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation>词嵌入</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Emb + Pos</source>
        <translation>嵌入 + 位置</translation>
    </message>
    <message>
        <source>RoPE Q</source>
        <translation>RoPE Q</translation>
    </message>
    <message>
        <source>RoPE K</source>
        <translation>RoPE K</translation>
    </message>
    <message>
        <source>ALiBi</source>
        <translation>ALiBi</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>+ Mask</source>
        <translation>+ 掩码</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>× V</source>
        <translation>× V</translation>
    </message>
    <message>
        <source>Concat</source>
        <translation>拼接</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Output head</source>
        <translation>输出头</translation>
    </message>
    <message>
        <source>Logits</source>
        <translation>logits</translation>
    </message>
    <message>
        <source>Probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Backward · %1</source>
        <translation>反向 · %1</translation>
    </message>
    <message>
        <source>Emb norm</source>
        <translation>嵌入归一化</translation>
    </message>
    <message>
        <source>Head norm</source>
        <translation>输出头归一化</translation>
    </message>
    <message>
        <source>Types</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Head ·W_t</source>
        <translation>输出头 ·W_t</translation>
    </message>
    <message>
        <source>Gate ·W_g</source>
        <translation>门控 ·W_g</translation>
    </message>
    <message>
        <source>Norm Q</source>
        <translation>归一化 Q</translation>
    </message>
    <message>
        <source>Norm K</source>
        <translation>归一化 K</translation>
    </message>
    <message>
        <source>Rollout</source>
        <translation>展开</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>Tiny classroom model</source>
        <translation>课堂小模型</translation>
    </message>
    <message>
        <source>d_model 8, 2 heads, 1 encoder layer, sinusoidal positions</source>
        <translation>d_model 8，2 个头，1 层编码器，正弦位置编码</translation>
    </message>
    <message>
        <source>BERT-like encoder</source>
        <translation>类 BERT 编码器</translation>
    </message>
    <message>
        <source>d_model 32, 4 heads, 2 layers, learned positions, GELU</source>
        <translation>d_model 32，4 个头，2 层，可学习位置，GELU</translation>
    </message>
    <message>
        <source>GPT-like decoder</source>
        <translation>类 GPT 解码器</translation>
    </message>
    <message>
        <source>decoder-only with a causal mask, pre-norm, learned positions</source>
        <translation>仅解码器，因果掩码，前置层归一化，可学习位置</translation>
    </message>
    <message>
        <source>Translation (encoder-decoder)</source>
        <translation>翻译（编码器-解码器）</translation>
    </message>
    <message>
        <source>我 爱 机器 学习 → I love machine learning</source>
        <translation>我 爱 机器 学习 → I love machine learning</translation>
    </message>
    <message>
        <source>RoPE decoder</source>
        <translation>RoPE 解码器</translation>
    </message>
    <message>
        <source>rotary position embedding inside attention</source>
        <translation>在注意力内部使用旋转位置编码</translation>
    </message>
    <message>
        <source>ALiBi decoder</source>
        <translation>ALiBi 解码器</translation>
    </message>
    <message>
        <source>linear distance penalty, 4 heads with different slopes</source>
        <translation>按距离线性惩罚，4 个头斜率各不相同</translation>
    </message>
    <message>
        <source>Trained: reverse 8 digits</source>
        <translation>已训练：倒序 8 个数字</translation>
    </message>
    <message>
        <source>an encoder trained here to reverse digits: each position attends to its mirror (the anti-diagonal)</source>
        <translation>在本应用中训练、把数字倒序的编码器：每个位置关注与它对称的位置（反对角线）</translation>
    </message>
    <message>
        <source>Trained: induction (repeat a string)</source>
        <translation>已训练：归纳（重复一串字母）</translation>
    </message>
    <message>
        <source>Trained: English → 中文</source>
        <translation>已训练：英文 → 中文</translation>
    </message>
    <message>
        <source>an encoder-decoder trained on template sentences: cross-attention aligns 猫 with cats</source>
        <translation>在模板句子上训练的编码器-解码器：交叉注意力把“猫”与 cats 对齐</translation>
    </message>
    <message>
        <source>Worked example: three tokens</source>
        <translation>完整算例：三个词元</translation>
    </message>
    <message>
        <source>the three 4-feature inputs and integer W_Q, W_K, W_V many tutorials compute by hand</source>
        <translation>许多教程手算用的三个 4 维输入和整数 W_Q、W_K、W_V</translation>
    </message>
    <message>
        <source>Llama-like decoder (grouped-query)</source>
        <translation>类 Llama 解码器（分组查询注意力）</translation>
    </message>
    <message>
        <source>RMSNorm, SwiGLU, RoPE in halves, 4 query heads sharing 2 K/V heads: the layout of Llama 3, Qwen and Mistral</source>
        <translation>RMSNorm、SwiGLU、前后两半配对的 RoPE，4 个查询头共用 2 个 K/V 头：Llama 3、Qwen 和 Mistral 的结构</translation>
    </message>
    <message>
        <source>a 2-layer decoder trained to continue strings of 4 to 8 letters repeated: layer 1 looks up what followed the same letter last time</source>
        <translation>一个 2 层解码器，训练来续写重复的 4 到 8 个字母：层 1 查找上一次同一字母后面是什么</translation>
    </message>
    <message>
        <source>Trained: Shakespeare (characters)</source>
        <translation>已训练：莎士比亚（逐字符）</translation>
    </message>
    <message>
        <source>a 4-layer decoder trained here on Shakespeare&apos;s plays, one character at a time: a previous-token head in layer 0 and an induction head that copies what followed last time</source>
        <translation>在本应用中用莎士比亚剧本逐字符训练的 4 层解码器：层 0 有一个前一词元头，还有一个归纳头，复制上一次后面跟着的字符</translation>
    </message>
    <message>
        <source>Trained: 唐诗 Tang poems (characters)</source>
        <translation>已训练：唐诗（逐字）</translation>
    </message>
    <message>
        <source>a 4-layer decoder trained here on 25 000 Tang poems: it writes five- and seven-character lines with their commas and full stops</source>
        <translation>在本应用中用 25 000 首唐诗训练的 4 层解码器：它会写五言、七言的句子，逗号句号都在该在的位置</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 k</source>
        <translation>%1 千</translation>
    </message>
    <message>
        <source>%1 M</source>
        <translation>%1 百万</translation>
    </message>
    <message>
        <source>%1 G</source>
        <translation>%1 十亿</translation>
    </message>
    <message>
        <source>cannot tell the format of &apos;%1&apos;: use .png, .svg or .pdf</source>
        <translation>无法判断“%1”的格式：请使用 .png、.svg 或 .pdf</translation>
    </message>
    <message>
        <source>the trace has no stage named &apos;%1&apos;</source>
        <translation>计算记录中没有名为“%1”的阶段</translation>
    </message>
    <message>
        <source>Attention weights: every layer and head</source>
        <translation>注意力权重：所有层和所有头</translation>
    </message>
    <message>
        <source>cannot create the folder &apos;%1&apos;</source>
        <translation>无法创建文件夹“%1”</translation>
    </message>
    <message>
        <source>position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>position i</source>
        <translation>位置 i</translation>
    </message>
    <message>
        <source>position j</source>
        <translation>位置 j</translation>
    </message>
    <message>
        <source>Positional encoding: %1</source>
        <translation>位置编码：%1</translation>
    </message>
    <message>
        <source>cannot write &apos;%1&apos;: the folder &apos;%2&apos; does not exist</source>
        <translation>无法写入“%1”：文件夹“%2”不存在</translation>
    </message>
    <message>
        <source>cannot write &apos;%1&apos;: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>the scale must be between 0 and 16, not %1</source>
        <translation>缩放倍数必须在 0 到 16 之间，而不是 %1</translation>
    </message>
    <message>
        <source>cannot encode &apos;%1&apos; as PNG (the image may be too large)</source>
        <translation>无法把“%1”编码为 PNG（图像可能太大）</translation>
    </message>
    <message>
        <source>encoding value</source>
        <translation>编码值</translation>
    </message>
    <message>
        <source>similarity</source>
        <translation>相似度</translation>
    </message>
    <message>
        <source>the resolution must be between 10 and 2400 dpi, not %1</source>
        <translation>分辨率必须在 10 到 2400 dpi 之间，而不是 %1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; would be %2 pixels across: lower the width or the dpi</source>
        <translation>“%1”将有 %2 像素宽：请减小宽度或 dpi</translation>
    </message>
</context>
<context>
    <name>StageMatrix</name>
    <message>
        <source>head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>source token</source>
        <translation>源词元</translation>
    </message>
    <message>
        <source>target token</source>
        <translation>目标词元</translation>
    </message>
    <message>
        <source>feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>head feature</source>
        <translation>头内特征</translation>
    </message>
    <message>
        <source>hidden unit</source>
        <translation>隐藏单元</translation>
    </message>
    <message>
        <source>%1 × %2 × %3 heads</source>
        <translation>%1 × %2 × %3 个头</translation>
    </message>
    <message>
        <source>vocabulary token</source>
        <translation>词表中的词元</translation>
    </message>
    <message>
        <source>query (%1)</source>
        <translation>查询（%1）</translation>
    </message>
    <message>
        <source>key (%1)</source>
        <translation>键（%1）</translation>
    </message>
    <message>
        <source>∂L/∂(%1)</source>
        <translation>∂L/∂（%1）</translation>
    </message>
    <message>
        <source>embedding</source>
        <translation>词嵌入</translation>
    </message>
    <message>
        <source>positional encoding</source>
        <translation>位置编码</translation>
    </message>
    <message>
        <source>embedding + position</source>
        <translation>词嵌入 + 位置</translation>
    </message>
    <message>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>scaled score</source>
        <translation>缩放后的分数</translation>
    </message>
    <message>
        <source>distance penalty</source>
        <translation>距离惩罚</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>masked score</source>
        <translation>掩码后的分数</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>output projection</source>
        <translation>输出投影</translation>
    </message>
    <message>
        <source>residual sum</source>
        <translation>残差和</translation>
    </message>
    <message>
        <source>normalized value</source>
        <translation>归一化值</translation>
    </message>
    <message>
        <source>FFN hidden</source>
        <translation>FFN 隐藏层</translation>
    </message>
    <message>
        <source>FFN activation</source>
        <translation>FFN 激活</translation>
    </message>
    <message>
        <source>FFN output</source>
        <translation>FFN 输出</translation>
    </message>
    <message>
        <source>hidden state</source>
        <translation>隐藏状态</translation>
    </message>
    <message>
        <source>logit</source>
        <translation>logit</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>cached key or value</source>
        <translation>缓存的键或值</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>scores</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>scaled scores</source>
        <translation>缩放后的分数</translation>
    </message>
    <message>
        <source>masked scores</source>
        <translation>掩码后的分数</translation>
    </message>
    <message>
        <source>queries</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>keys</source>
        <translation>键</translation>
    </message>
    <message>
        <source>values</source>
        <translation>值</translation>
    </message>
    <message>
        <source>gradient of the %1</source>
        <translation>%1的梯度</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>embedding ⊕ position</source>
        <translation>词嵌入 ⊕ 位置</translation>
    </message>
    <message>
        <source>the %1 most probable tokens after “%2” (of %3)</source>
        <translation>“%2”之后概率最高的 %1 个词元（共 %3 个）</translation>
    </message>
    <message>
        <source>token-type embedding</source>
        <translation>词元类型嵌入</translation>
    </message>
    <message>
        <source>head transform</source>
        <translation>输出头变换</translation>
    </message>
    <message>
        <source>FFN gate</source>
        <translation>FFN 门控</translation>
    </message>
    <message>
        <source>%1h · %2×%3</source>
        <comment>heads · rows×columns, in a pipeline chip</comment>
        <translation>%1 头 · %2×%3</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a block and what it holds: self-attention weights</comment>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>share of the input reaching it</source>
        <translation>到达此处的输入份额</translation>
    </message>
</context>
<context>
    <name>attn</name>
    <message>
        <source>queries: what each token is looking for (all heads side by side)</source>
        <translation>查询：每个词元在寻找什么（所有头并排）</translation>
    </message>
    <message>
        <source>keys: what each token offers to be found by</source>
        <translation>键：每个词元能被什么样的查询找到</translation>
    </message>
    <message>
        <source>values: what each token passes on when attended to</source>
        <translation>值：每个词元被关注时传递出去的内容</translation>
    </message>
    <message>
        <source>queries after RoPE: each pair of features rotated by position · θ</source>
        <translation>RoPE 之后的查询：每对特征按 位置 · θ 旋转</translation>
    </message>
    <message>
        <source>keys after RoPE: each pair of features rotated by position · θ</source>
        <translation>RoPE 之后的键：每对特征按 位置 · θ 旋转</translation>
    </message>
    <message>
        <source>queries split into heads</source>
        <translation>按头拆分的查询</translation>
    </message>
    <message>
        <source>keys split into heads</source>
        <translation>按头拆分的键</translation>
    </message>
    <message>
        <source>values split into heads</source>
        <translation>按头拆分的值</translation>
    </message>
    <message>
        <source>raw scores: how well each query matches each key</source>
        <translation>原始分数：每个查询与每个键的匹配程度</translation>
    </message>
    <message>
        <source>scores divided by √d_k so their spread does not grow with the head size</source>
        <translation>分数除以 √d_k，使其幅度不随头维度增长</translation>
    </message>
    <message>
        <source>ALiBi: a penalty growing with the distance between query and key</source>
        <translation>ALiBi：随查询与键之间距离增长的惩罚</translation>
    </message>
    <message>
        <source>mask: 0 where the query may look at the key, -∞ where it may not</source>
        <translation>掩码：查询可以看这个键时为 0，不可以时为 -∞</translation>
    </message>
    <message>
        <source>scaled scores with the mask added: hidden keys become -∞</source>
        <translation>加上掩码后的缩放分数：被遮住的键变成 -∞</translation>
    </message>
    <message>
        <source>attention weights: each row is a probability distribution over the keys</source>
        <translation>注意力权重：每一行是键上的一个概率分布</translation>
    </message>
    <message>
        <source>each head&apos;s output: the weighted average of its value vectors</source>
        <translation>每个头的输出：它的值向量的加权平均</translation>
    </message>
    <message>
        <source>the heads&apos; outputs concatenated side by side</source>
        <translation>各头的输出并排拼接</translation>
    </message>
    <message>
        <source>the block&apos;s output: heads mixed by the output projection</source>
        <translation>这一块的输出：由输出投影把各头混合</translation>
    </message>
    <message>
        <source>the encoder&apos;s output</source>
        <translation>编码器的输出</translation>
    </message>
    <message>
        <source>the decoder&apos;s output</source>
        <translation>解码器的输出</translation>
    </message>
    <message>
        <source>sinusoidal positional encoding: sines and cosines of the position, one frequency per pair of features</source>
        <translation>正弦位置编码：位置的正弦和余弦，每对特征一个频率</translation>
    </message>
    <message>
        <source>learned positional embedding: row p of pos_embedding.weight</source>
        <translation>可学习的位置编码：pos_embedding.weight 的行 p</translation>
    </message>
    <message>
        <source>RoPE adds nothing here: it rotates q and k inside each self-attention</source>
        <translation>RoPE 在这里不加任何东西：它在每个自注意力内部旋转 q 和 k</translation>
    </message>
    <message>
        <source>ALiBi adds nothing here: it biases the scores inside each self-attention</source>
        <translation>ALiBi 在这里不加任何东西：它在每个自注意力内部给分数加偏置</translation>
    </message>
    <message>
        <source>no positional encoding: the model sees a bag of tokens</source>
        <translation>没有位置编码：模型看到的是词袋</translation>
    </message>
    <message>
        <source>token embeddings: one vector per token</source>
        <translation>词嵌入：每个词元一个向量</translation>
    </message>
    <message>
        <source>embeddings plus positions: the input of the first layer</source>
        <translation>词嵌入加位置：第一层的输入</translation>
    </message>
    <message>
        <source>final layer norm of the encoder</source>
        <translation>编码器的最终层归一化</translation>
    </message>
    <message>
        <source>final layer norm of the decoder</source>
        <translation>解码器的最终层归一化</translation>
    </message>
    <message>
        <source>feed-forward: each token expanded to dim_feedforward features</source>
        <translation>前馈网络：每个词元扩展到 dim_feedforward 个特征</translation>
    </message>
    <message>
        <source>feed-forward: ReLU keeps what fires, zeroes the rest</source>
        <translation>前馈网络：ReLU 保留被激活的部分，其余置零</translation>
    </message>
    <message>
        <source>feed-forward: GELU keeps what fires, softly</source>
        <translation>前馈网络：GELU 平滑地保留被激活的部分</translation>
    </message>
    <message>
        <source>feed-forward output: back to d_model features</source>
        <translation>前馈网络输出：回到 d_model 个特征</translation>
    </message>
    <message>
        <source>residual: the input plus self-attention</source>
        <translation>残差：输入加上自注意力</translation>
    </message>
    <message>
        <source>residual: the input plus cross-attention</source>
        <translation>残差：输入加上交叉注意力</translation>
    </message>
    <message>
        <source>residual: the input plus the feed-forward network</source>
        <translation>残差：输入加上前馈网络</translation>
    </message>
    <message>
        <source>layer norm of the sub-layer&apos;s input: each token rescaled to mean 0, variance 1, then γ and β</source>
        <translation>子层输入的层归一化：每个词元缩放到均值 0、方差 1，再乘 γ 加 β</translation>
    </message>
    <message>
        <source>layer norm of the residual sum: each token rescaled to mean 0, variance 1, then γ and β</source>
        <translation>残差和的层归一化：每个词元缩放到均值 0、方差 1，再乘 γ 加 β</translation>
    </message>
    <message>
        <source>the layer&apos;s output, input of the next layer</source>
        <translation>这一层的输出，也是下一层的输入</translation>
    </message>
    <message>
        <source>%1 (%2) must be at least 1</source>
        <translation>%1（%2）必须至少为 1</translation>
    </message>
    <message>
        <source>%1 (%2) must be at most %3</source>
        <translation>%1（%2）不能超过 %3</translation>
    </message>
    <message>
        <source>d_model (%1) must be divisible by nhead (%2)</source>
        <translation>d_model（%1）必须能被 nhead（%2）整除</translation>
    </message>
    <message>
        <source>RoPE rotates pairs of numbers, so the head size d_model / nhead (%1) must be even</source>
        <translation>RoPE 成对旋转数字，所以头维度 d_model / nhead（%1）必须是偶数</translation>
    </message>
    <message>
        <source>%1 (%2) cannot be negative</source>
        <translation>%1（%2）不能为负数</translation>
    </message>
    <message>
        <source>layer_norm_eps (%1) must be a small positive number such as 1e-5</source>
        <translation>layer_norm_eps（%1）必须是一个小的正数，例如 1e-5</translation>
    </message>
    <message>
        <source>pe_base (%1) must be greater than 1 (10000 in the paper, 2 for the textbook variant)</source>
        <translation>pe_base（%1）必须大于 1（论文中为 10000，教科书变体为 2）</translation>
    </message>
    <message>
        <source>sliding_window (%1) cannot be negative; use 0 to turn it off</source>
        <translation>sliding_window（%1）不能为负数；设为 0 表示关闭</translation>
    </message>
    <message>
        <source>vocab lists the token &apos;%1&apos; twice</source>
        <translation>词表中“%1”出现了两次</translation>
    </message>
    <message>
        <source>this needs %1 GB of memory; the limit is %2 GB: use fewer tokens or a smaller model</source>
        <translation>这需要 %1 GB 内存；上限为 %2 GB：请减少词元数或使用更小的模型</translation>
    </message>
    <message>
        <source>%1 terms in all</source>
        <translation>共 %1 项</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>feature %1 belongs to head %2</source>
        <translation>特征 %1 属于头 %2</translation>
    </message>
    <message>
        <source>RoPE turns the pair (%1, %2) by position × θ</source>
        <translation>RoPE 把特征对 (%1, %2) 旋转 位置 × θ</translation>
    </message>
    <message>
        <source>head %1 takes features %2…%3 of %4</source>
        <translation>头 %1 取 %4 的特征 %2…%3</translation>
    </message>
    <message>
        <source>score = q_i · k_j over the %2 features of head %1</source>
        <translation>分数 = q_i · k_j，在头 %1 的 %2 个特征上求和</translation>
    </message>
    <message>
        <source>large when the query and the key point the same way</source>
        <translation>查询和键方向一致时，分数大</translation>
    </message>
    <message>
        <source>without it, scores grow like √d_k and the softmax saturates</source>
        <translation>不除的话，分数按 √d_k 增长，softmax 会饱和</translation>
    </message>
    <message>
        <source>slope of head %1: m = 2^(−8·%2/%3); farther keys are penalised more</source>
        <translation>头 %1 的斜率：m = 2^(−8·%2/%3)；越远的键惩罚越大</translation>
    </message>
    <message>
        <source>−∞: this key is hidden from this query, so its weight will be exactly 0</source>
        <translation>−∞：这个键对这个查询不可见，所以它的权重恰好为 0</translation>
    </message>
    <message>
        <source>0: this key is visible</source>
        <translation>0：这个键可见</translation>
    </message>
    <message>
        <source>causal: key %1 comes after query %2</source>
        <translation>因果：键 %1 在查询 %2 之后</translation>
    </message>
    <message>
        <source>sliding window: |i − j| = %1 ≥ w = %2</source>
        <translation>滑动窗口：|i − j| = %1 ≥ w = %2</translation>
    </message>
    <message>
        <source>padding: key %1 is the pad token %2</source>
        <translation>填充：键 %1 是填充词元 %2</translation>
    </message>
    <message>
        <source>every key of this row is masked: the row has no distribution, all weights are 0</source>
        <translation>这一行的所有键都被遮住：这一行没有分布，所有权重为 0</translation>
    </message>
    <message>
        <source>softmax over row %1: subtract the row&apos;s max, exponentiate, divide by the sum</source>
        <translation>对行 %1 做 softmax：减去该行最大值，取指数，再除以总和</translation>
    </message>
    <message>
        <source>= Σ_j weight[i, j] · v_j[%1]: the values averaged with the attention weights</source>
        <translation>= Σ_j weight[i, j] · v_j[%1]：用注意力权重对值做加权平均</translation>
    </message>
    <message>
        <source>feature %1 comes from head %2, its feature %3</source>
        <translation>特征 %1 来自头 %2 的特征 %3</translation>
    </message>
    <message>
        <source>over the %2 features of token %1 in %3:</source>
        <translation>在 %3 中词元 %1 的 %2 个特征上：</translation>
    </message>
    <message>
        <source>row of embedding.weight for the token “%1”</source>
        <translation>词元“%1”在 embedding.weight 中的那一行</translation>
    </message>
    <message>
        <source>the token “%1” has no trained row: its vector is drawn from N(0, 1), seeded by the config seed (%2) and the token itself, so the same word always gets the same vector</source>
        <translation>词元“%1”没有训练好的行：它的向量从 N(0, 1) 中抽取，随机种子由配置的 seed（%2）和词元本身决定，所以同一个词元总是得到同一个向量</translation>
    </message>
    <message>
        <source>feature %1 = %2</source>
        <translation>特征 %1 = %2</translation>
    </message>
    <message>
        <source>each feature pair is a clock at its own speed: fast on the left, slow on the right</source>
        <translation>每对特征是一个以自己速度走的时钟：左边快，右边慢</translation>
    </message>
    <message>
        <source>%1, head %2: some scores overflowed float32 and were clamped</source>
        <translation>%1，头 %2：有些分数超出了 float32 范围，已被截断</translation>
    </message>
    <message>
        <source>; %1 could not be computed and were set to 0</source>
        <translation>；%1 个无法计算，已设为 0</translation>
    </message>
    <message>
        <source>%1, head %2: query %3 (“%4”) can see no key, every key is masked; its weights are all 0</source>
        <translation>%1，头 %2：查询 %3（“%4”）看不到任何键，所有键都被遮住；它的权重全为 0</translation>
    </message>
    <message>
        <source>the edited embedding of “%1” has %2 numbers but d_model is %3; it is not applied</source>
        <translation>“%1”被编辑的词嵌入有 %2 个数，但 d_model 是 %3；未应用</translation>
    </message>
    <message>
        <source>the token “%1” is not in the vocab; it gets a generated embedding</source>
        <translation>词元“%1”不在词表中；它使用生成的词嵌入</translation>
    </message>
    <message>
        <source>0 or -∞</source>
        <translation>0 或 -∞</translation>
    </message>
    <message>
        <source>softmax(masked_scores) over each row</source>
        <translation>对每一行做 softmax(masked_scores)</translation>
    </message>
    <message>
        <source>sinusoidal PE (position × feature)</source>
        <translation>正弦位置编码（位置 × 特征）</translation>
    </message>
    <message>
        <source>learned positional embedding (position × feature)</source>
        <translation>可学习的位置编码（位置 × 特征）</translation>
    </message>
    <message>
        <source>no positional encoding: nothing is added</source>
        <translation>没有位置编码：什么也不加</translation>
    </message>
    <message>
        <source>PE[i] · PE[j]: how alike two positions look</source>
        <translation>PE[i] · PE[j]：两个位置看起来有多相似</translation>
    </message>
    <message>
        <source>RoPE rotation angle p·θᵢ in radians (position × pair)</source>
        <translation>RoPE 旋转角 p·θᵢ，单位弧度（位置 × 特征对）</translation>
    </message>
    <message>
        <source>RoPE(x, i) · RoPE(x, j): depends only on i − j</source>
        <translation>RoPE(x, i) · RoPE(x, j)：只取决于 i − j</translation>
    </message>
    <message>
        <source>ALiBi bias for a key p positions back, per head (position × head)</source>
        <translation>ALiBi 对向前 p 个位置的键的偏置，按头（位置 × 头）</translation>
    </message>
    <message>
        <source>ALiBi bias of head 0: −m·|i − j|</source>
        <translation>头 0 的 ALiBi 偏置：−m·|i − j|</translation>
    </message>
    <message>
        <source>h·Φ(h) (exact GELU)</source>
        <translation>h·Φ(h)（精确 GELU）</translation>
    </message>
    <message>
        <source>block_size (%1) cannot be negative; use 0 to turn it off</source>
        <translation>block_size（%1）不能为负数；设为 0 表示关闭</translation>
    </message>
    <message>
        <source>block-sparse: query %1 is in block %2, key %3 in block %4 (blocks of %5)</source>
        <translation>块稀疏：查询 %1 在块 %2，键 %3 在块 %4（每块 %5 个）</translation>
    </message>
    <message>
        <source>logits: how strongly each vocabulary token is predicted at each position</source>
        <translation>logits：每个位置上，词表中每个词元被预测的强度</translation>
    </message>
    <message>
        <source>probabilities: the softmax of each position&apos;s logits</source>
        <translation>概率：每个位置的 logits 经过 softmax</translation>
    </message>
    <message>
        <source>softmax(logits) over each row</source>
        <translation>对每一行做 softmax(logits)</translation>
    </message>
    <message>
        <source>gradient of the loss with respect to %1: how the loss changes when each of its numbers grows</source>
        <translation>损失对 %1 的梯度：其中每个数增大时，损失如何变化</translation>
    </message>
    <message>
        <source>vocab_size (%1) cannot be negative; use 0 for no output head</source>
        <translation>vocab_size（%1）不能为负数；用 0 表示没有输出头</translation>
    </message>
    <message>
        <source>vocab_size (%1) differs from the %2 tokens of vocab: give one or make them agree</source>
        <translation>vocab_size（%1）与 vocab 中的 %2 个词元不一致：只给其中一个，或让两者相同</translation>
    </message>
    <message>
        <source>tie_embeddings needs a vocab: the head reuses embedding.weight, one row per vocab token</source>
        <translation>tie_embeddings 需要 vocab：输出头复用 embedding.weight，每个词表词元一行</translation>
    </message>
    <message>
        <source>copy 8 digits: each position repeats its own digit</source>
        <translation>复制 8 个数字：每个位置输出自己的数字</translation>
    </message>
    <message>
        <source>reverse 8 digits: position i answers with digit 7 − i</source>
        <translation>倒序 8 个数字：位置 i 输出第 7 − i 个数字</translation>
    </message>
    <message>
        <source>sort 8 digits in ascending order</source>
        <translation>把 8 个数字按升序排列</translation>
    </message>
    <message>
        <source>translate short English sentences into Chinese (“I love cats” → “我爱猫”)</source>
        <translation>把简短的英文句子翻译成中文（“I love cats” → “我爱猫”）</translation>
    </message>
    <message>
        <source>the learning rate (%1) must be a positive number such as 0.003</source>
        <translation>学习率（%1）必须是正数，例如 0.003</translation>
    </message>
    <message>
        <source>steps (%1) must be at least 1</source>
        <translation>步数（%1）至少为 1</translation>
    </message>
    <message>
        <source>the batch size (%1) must be at least 1</source>
        <translation>批大小（%1）至少为 1</translation>
    </message>
    <message>
        <source>the batch size (%1) is larger than the %2 task&apos;s %3 distinct training examples</source>
        <translation>批大小（%1）超过了 %2 任务中不同训练样例的数量（%3）</translation>
    </message>
    <message>
        <source>weight decay (%1) must be 0 or more</source>
        <translation>权重衰减（%1）必须大于或等于 0</translation>
    </message>
    <message>
        <source>∂L/∂%1: how much the loss grows when this number grows a little</source>
        <translation>∂L/∂%1：这个数稍稍增大时，损失增大多少</translation>
    </message>
    <message>
        <source>through the softmax: ∂L/∂s_ij = p_ij · (g_ij − Σ_k p_ik · g_ik), with g = ∂L/∂weights</source>
        <translation>经过 softmax：∂L/∂s_ij = p_ij · (g_ij − Σ_k p_ik · g_ik)，其中 g = ∂L/∂weights</translation>
    </message>
    <message>
        <source>a masked key has p = 0, so no gradient reaches its score</source>
        <translation>被遮蔽的键 p = 0，所以没有梯度传到它的分数</translation>
    </message>
    <message>
        <source>position %1 is not scored (its label is −100): no gradient</source>
        <translation>位置 %1 不计分（标签为 −100）：没有梯度</translation>
    </message>
    <message>
        <source>cross-entropy through the softmax: ∂L/∂logit = (p − 1 if this is the label, else p) / N</source>
        <translation>经过 softmax 的交叉熵：∂L/∂logit =（若是标签则 p − 1，否则 p）/ N</translation>
    </message>
    <message>
        <source>the label of position %1 is %2; N = %3 scored positions</source>
        <translation>位置 %1 的标签是 %2；N = %3 个计分位置</translation>
    </message>
    <message>
        <source>chain rule: the sum of what each stage computed from %1 sends back: %2</source>
        <translation>链式法则：由 %1 计算出的各个阶段传回的梯度之和：%2</translation>
    </message>
    <message>
        <source>the sums pass their gradient on unchanged: %1 of the %2 total</source>
        <translation>加法把梯度原样传回：%1，总计 %2</translation>
    </message>
    <message>
        <source>binary positional encoding: pair j turns at p / 2^j, halving from pair to pair like the bits of a counter</source>
        <translation>二进制位置编码：第 j 对的角度为 p / 2^j，每一对减半，就像计数器的各位</translation>
    </message>
    <message>
        <source>token features then positional features side by side (concatenated): the input of the first layer</source>
        <translation>词元特征与位置特征并排（拼接）：第一层的输入</translation>
    </message>
    <message>
        <source>pe_concat needs a sinusoidal or binary encoding: the others have no table to concatenate</source>
        <translation>pe_concat 需要正弦或二进制编码：其他编码没有可以拼接的表</translation>
    </message>
    <message>
        <source>pe_concat (%1) must be 0 (add) or an even number of features below d_model (%2)</source>
        <translation>pe_concat（%1）必须为 0（相加），或小于 d_model（%2）的偶数个特征</translation>
    </message>
    <message>
        <source>concatenated, not added: features 0–%1 come from the token embedding, the last %2 from the positional encoding</source>
        <translation>拼接而不是相加：特征 0–%1 来自词嵌入，最后 %2 个来自位置编码</translation>
    </message>
    <message>
        <source>each pair turns half as fast as the pair before it, like the bits of a binary counter</source>
        <translation>每一对都比前一对转得慢一半，就像二进制计数器的各位</translation>
    </message>
    <message>
        <source>binary PE: sin, cos of p / 2^j (position × feature)</source>
        <translation>二进制位置编码：p / 2^j 的 sin、cos（位置 × 特征）</translation>
    </message>
    <message>
        <source>Type a number first, such as 0.5.</source>
        <translation>请先输入一个数，例如 0.5。</translation>
    </message>
    <message>
        <source>Right: you said %1 and the model computes %2.</source>
        <translation>正确：你的答案是 %1，模型算出的是 %2。</translation>
    </message>
    <message>
        <source>You said %1; the model computes %2, so you were off by %3.</source>
        <translation>你的答案是 %1；模型算出的是 %2，相差 %3。</translation>
    </message>
    <message>
        <source>Type a shape such as 24 × 8 (or 24x8) first.</source>
        <translation>请先输入一个形状，例如 24 × 8（或 24x8）。</translation>
    </message>
    <message>
        <source>Right: the shape is %1.</source>
        <translation>正确：形状是 %1。</translation>
    </message>
    <message>
        <source>You said %1; the shape is %2.</source>
        <translation>你的答案是 %1；形状是 %2。</translation>
    </message>
    <message>
        <source>Pick one of the options first.</source>
        <translation>请先选择一个选项。</translation>
    </message>
    <message>
        <source>Right: %1.</source>
        <translation>正确：%1。</translation>
    </message>
    <message>
        <source>Not quite: the answer is “%1”.</source>
        <translation>不完全对：答案是“%1”。</translation>
    </message>
    <message>
        <source>Click a cell of row %1 in the heatmap first.</source>
        <translation>请先在热力图中点击行 %1 的一个格子。</translation>
    </message>
    <message>
        <source>Right: column %1 holds the largest value of row %2 (%3).</source>
        <translation>正确：行 %2 的最大值在列 %1（%3）。</translation>
    </message>
    <message>
        <source>You picked column %1 (%2); the largest value of row %3 is in column %4 (%5).</source>
        <translation>你选的是列 %1（%2）；行 %3 的最大值在列 %4（%5）。</translation>
    </message>
    <message>
        <source>0.5·h·(1 + tanh(√(2/π)·(h + 0.044715·h³))) (GELU, tanh approximation)</source>
        <translation>0.5·h·(1 + tanh(√(2/π)·(h + 0.044715·h³)))（GELU 的 tanh 近似）</translation>
    </message>
    <message>
        <source>token-type (segment) embeddings: row 0 of token_type_embeddings for every token of a single text</source>
        <translation>词元类型（句段）嵌入：单段文本的每个词元都取 token_type_embeddings 的行 0</translation>
    </message>
    <message>
        <source>word plus position plus token-type embeddings</source>
        <translation>词嵌入 + 位置嵌入 + 词元类型嵌入</translation>
    </message>
    <message>
        <source>layer norm of the summed embeddings: the input of the first layer</source>
        <translation>对相加后的嵌入做层归一化：第一层的输入</translation>
    </message>
    <message>
        <source>the masked-word head&apos;s dense layer: each token&apos;s vector mixed once more before the vocabulary</source>
        <translation>掩码预测头的全连接层：每个词元的向量在映射到词表之前再混合一次</translation>
    </message>
    <message>
        <source>the head&apos;s activation</source>
        <translation>输出头的激活</translation>
    </message>
    <message>
        <source>the head&apos;s layer norm, before the vocabulary</source>
        <translation>输出头的层归一化，在映射到词表之前</translation>
    </message>
    <message>
        <source>keys cached for the next tokens: one row per token so far, never recomputed</source>
        <translation>为后续词元缓存的键：到目前为止每个词元一行，不再重新计算</translation>
    </message>
    <message>
        <source>values cached for the next tokens: one row per token so far, never recomputed</source>
        <translation>为后续词元缓存的值：到目前为止每个词元一行，不再重新计算</translation>
    </message>
    <message>
        <source>row 0 of %1: every token of a single text is of type 0 (segment A)</source>
        <translation>%1 的行 0：单段文本的每个词元类型都是 0（句段 A）</translation>
    </message>
    <message>
        <source>kept in the cache since this token was read: the next token&apos;s query meets it without recomputing it</source>
        <translation>自读入这个词元起就保存在缓存中：下一个词元的查询直接与它相乘，无需重新计算</translation>
    </message>
    <message>
        <source>= score / %1 (this model&apos;s scale: √d_k when scale_attn_weights, × the layer&apos;s number + 1 when scale_attn_by_inverse_layer_idx)</source>
        <translation>= 分数 / %1（本模型的缩放：scale_attn_weights 时为 √d_k，scale_attn_by_inverse_layer_idx 时再乘以层号 + 1）</translation>
    </message>
    <message>
        <source>the tokenizer gives “%1” the id %2: row %2 of %3</source>
        <translation>分词器给“%1”的编号是 %2：取 %3 的行 %2</translation>
    </message>
    <message>
        <source>row %1 of %2 (learned in training) = %3</source>
        <translation>%2 的行 %1（训练中学到）= %3</translation>
    </message>
    <message>
        <source>type at least one word: there are no tokens to attend to</source>
        <translation>请至少输入一个词元：没有可供关注的词元</translation>
    </message>
    <message>
        <source>the text has %1 tokens but max_len is %2</source>
        <translation>文本有 %1 个词元，但 max_len 只有 %2</translation>
    </message>
    <message>
        <source>out of memory: use fewer tokens or a smaller model</source>
        <translation>内存不足：请减少词元数或使用更小的模型</translation>
    </message>
    <message>
        <source>the model folder %1 is not open: open it with File › Open model…</source>
        <translation>模型文件夹 %1 尚未打开：请用“文件 › 打开模型…”打开它</translation>
    </message>
    <message>
        <source>“%1” is not an input of the %2 task, so there is no loss and no gradient to show</source>
        <translation>“%1”不是 %2 任务的输入，所以没有损失，也没有梯度可显示</translation>
    </message>
    <message>
        <source>keys: what each token offers to be found by (H_kv heads, each shared by a group of query heads)</source>
        <translation>键：每个词元拿出来供人查找的内容（H_kv 个头，每个由一组查询头共用）</translation>
    </message>
    <message>
        <source>values: what each token passes on when attended to (H_kv heads, shared like the keys)</source>
        <translation>值：每个词元被关注时传递出去的内容（H_kv 个头，与键一样被共用）</translation>
    </message>
    <message>
        <source>QK-norm of the queries: each head&apos;s d_k features divided by their root mean square, then γ</source>
        <translation>查询的 QK 归一化：每个头的 d_k 个特征除以它们的均方根，再乘 γ</translation>
    </message>
    <message>
        <source>QK-norm of the keys: each head&apos;s d_k features divided by their root mean square, then γ</source>
        <translation>键的 QK 归一化：每个头的 d_k 个特征除以它们的均方根，再乘 γ</translation>
    </message>
    <message>
        <source>keys split into H_kv heads: query head h reads key head h / (H / H_kv)</source>
        <translation>键拆成 H_kv 个头：查询头 h 读取键头 h / (H / H_kv)</translation>
    </message>
    <message>
        <source>values split into H_kv heads: query head h reads value head h / (H / H_kv)</source>
        <translation>值拆成 H_kv 个头：查询头 h 读取值头 h / (H / H_kv)</translation>
    </message>
    <message>
        <source>final RMS norm of the encoder</source>
        <translation>编码器最后的 RMS 归一化</translation>
    </message>
    <message>
        <source>final RMS norm of the decoder</source>
        <translation>解码器最后的 RMS 归一化</translation>
    </message>
    <message>
        <source>SwiGLU&apos;s gate: how far each expanded feature is let through</source>
        <translation>SwiGLU 的门控：每个扩展后的特征放行多少</translation>
    </message>
    <message>
        <source>SwiGLU&apos;s up projection: each token expanded to dim_feedforward features</source>
        <translation>SwiGLU 的上投影：每个词元扩展到 dim_feedforward 个特征</translation>
    </message>
    <message>
        <source>SwiGLU: the gate&apos;s SiLU times the up projection, feature by feature</source>
        <translation>SwiGLU：门控的 SiLU 逐特征乘以上投影</translation>
    </message>
    <message>
        <source>SwiGLU&apos;s down projection: back to d_model features</source>
        <translation>SwiGLU 的下投影：回到 d_model 个特征</translation>
    </message>
    <message>
        <source>RMS norm of the sub-layer&apos;s input: each token divided by its root mean square, then γ</source>
        <translation>子层输入的 RMS 归一化：每个词元除以它的均方根，再乘 γ</translation>
    </message>
    <message>
        <source>RMS norm of the residual sum: each token divided by its root mean square, then γ</source>
        <translation>残差和的 RMS 归一化：每个词元除以它的均方根，再乘 γ</translation>
    </message>
    <message>
        <source>num_kv_heads (%1) must divide nhead (%2): each K/V head serves the same number of query heads</source>
        <translation>num_kv_heads（%1）必须能整除 nhead（%2）：每个 K/V 头服务相同数目的查询头</translation>
    </message>
    <message>
        <source>grouped-query attention: this K/V head serves query heads %1–%2</source>
        <translation>分组查询注意力：这个 K/V 头服务查询头 %1–%2</translation>
    </message>
    <message>
        <source>grouped-query attention: query head %1 reads key head %2, shared by query heads %3–%4</source>
        <translation>分组查询注意力：查询头 %1 读取键头 %2，查询头 %3–%4 共用它</translation>
    </message>
    <message>
        <source>the gate&apos;s SiLU decides how much of the up projection passes: near 0 for a negative gate, near u·g for a large one</source>
        <translation>门控的 SiLU 决定上投影放行多少：门控为负时接近 0，门控很大时接近 u·g</translation>
    </message>
    <message>
        <source>over the %2 features of head %3 of token %1 in %4 (QK-norm):</source>
        <translation>在 %4 中词元 %1 的头 %3 的 %2 个特征上（QK 归一化）：</translation>
    </message>
    <message>
        <source>RMSNorm rescales without subtracting the mean, and has no β</source>
        <translation>RMSNorm 只缩放、不减去均值，也没有 β</translation>
    </message>
    <message>
        <source>, slowed by rope_scaling to %1</source>
        <translation>，经 rope_scaling 放慢为 %1</translation>
    </message>
    <message>
        <source>induction: 4 to 8 letters repeated; in each repeat, predict the next letter from the earlier copy</source>
        <translation>归纳：4 到 8 个字母重复出现；在每次重复中，根据前面那一遍预测下一个字母</translation>
    </message>
    <message>
        <source>text: read a corpus one character at a time and predict the next character</source>
        <translation>文本：逐字符读一份语料，预测下一个字符</translation>
    </message>
    <message>
        <source>warm-up steps (%1) cannot be negative</source>
        <translation>预热步数（%1）不能为负</translation>
    </message>
    <message>
        <source>this head on this text: %1 of each row&apos;s weight on the token before (previous-token score), %2 on the first token</source>
        <translation>这个头在这段文本上：每行有 %1 的权重落在前一个词元上（前一词元分数），%2 落在第一个词元上</translation>
    </message>
    <message>
        <source>induction score %1: on a random sequence repeated twice, the weight from each token of the repeat to the token after its earlier occurrence</source>
        <translation>归纳分数 %1：在一个重复两遍的随机序列上，从重复部分的每个词元指向它上一次出现位置之后那个词元的权重</translation>
    </message>
    <message>
        <source>sliding_window_pattern (%1) cannot be negative; use 0 for the window in every layer</source>
        <translation>sliding_window_pattern（%1）不能为负数；设为 0 表示每一层都用窗口</translation>
    </message>
    <message>
        <source>sink_tokens (%1) cannot be negative; use 0 for none</source>
        <translation>sink_tokens（%1）不能为负数；设为 0 表示没有</translation>
    </message>
    <message>
        <source>layer %1 is a global layer (one in every %2): it sees the whole sequence, the others only a window of %3</source>
        <translation>层 %1 是全局层（每 %2 层一个）：它能看到整个序列，其他层只看到大小为 %3 的窗口</translation>
    </message>
    <message>
        <source>attention sink: key %1 is one of the first %2 tokens, kept visible beyond the window of %3</source>
        <translation>注意力汇聚点：键 %1 属于最前面的 %2 个词元，在大小为 %3 的窗口之外仍然可见</translation>
    </message>
    <message>
        <source>attention rollout: how much of each input token reaches each position through the layers so far, the residual counted as half of every layer</source>
        <translation>注意力展开（rollout）：经过到目前为止的各层，每个输入词元有多少到达了每个位置；残差算作每层的一半</translation>
    </message>
    <message>
        <source>Ã = 0.5·mean_h A + 0.5·I, rows normalised: the heads averaged, the residual counted as half of the layer (Abnar &amp; Zuidema 2020)</source>
        <translation>Ã = 0.5·mean_h A + 0.5·I，每行归一化：各头取平均，残差算作这一层的一半（Abnar 与 Zuidema 2020）</translation>
    </message>
    <message>
        <source>layer %1 is the first: rollout[i, j] = Ã[i, j]</source>
        <translation>层 %1 是第一层：rollout[i, j] = Ã[i, j]</translation>
    </message>
    <message>
        <source>= Σ_k Ã[i, k] · rollout_{l−1}[k, j]: how much of token k this layer passes to i, times how much of token j had reached k</source>
        <translation>= Σ_k Ã[i, k] · rollout_{l−1}[k, j]：这一层把词元 k 的多少传给 i，乘以词元 j 此前有多少到达了 k</translation>
    </message>
    <message>
        <source>the prompts must have as many tokens to patch a head: the pinned one has %1, this one %2</source>
        <translation>修补一个头需要两个提示的词元数相同：固定的提示有 %1 个，当前提示有 %2 个</translation>
    </message>
</context>
<context>
    <name>attn::KvCacheGenerator</name>
    <message>
        <source>keys cached for the next tokens: one row per token so far, never recomputed</source>
        <translation>为后续词元缓存的键：到目前为止每个词元一行，不再重新计算</translation>
    </message>
    <message>
        <source>values cached for the next tokens: one row per token so far, never recomputed</source>
        <translation>为后续词元缓存的值：到目前为止每个词元一行，不再重新计算</translation>
    </message>
</context>
<context>
    <name>attn::ui::BusyOverlay</name>
    <message>
        <source>Computing %1…
What is drawn here is still the previous model&apos;s.</source>
        <translation>正在计算 %1…
这里画的仍是上一个模型的结果。</translation>
    </message>
</context>
<context>
    <name>attn::ui::CompareView</name>
    <message>
        <source>&amp;Pin this trace</source>
        <translation>固定这次计算记录(&amp;P)</translation>
    </message>
    <message>
        <source>C&amp;lear pin</source>
        <translation>取消固定(&amp;L)</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>difference: now − pinned</source>
        <translation>差值：现在 − 固定的</translation>
    </message>
    <message>
        <source>Keep the current trace aside, then change something and compare (Ctrl+P)</source>
        <translation>把当前计算记录留作对照，然后修改某处再比较（Ctrl+P）</translation>
    </message>
    <message>
        <source>Forget the pinned trace</source>
        <translation>丢弃固定的计算记录</translation>
    </message>
    <message>
        <source>Blue: smaller now than when pinned; red: larger; white: unchanged</source>
        <translation>蓝色：现在比固定时小；红色：更大；白色：不变</translation>
    </message>
    <message>
        <source>Pin the trace, then change a word, a weight, the positional encoding or the mask.</source>
        <translation>先固定计算记录，再修改一个词元、一个权重、位置编码或掩码。</translation>
    </message>
    <message>
        <source>pinned: “%1”</source>
        <translation>固定的：“%1”</translation>
    </message>
    <message>
        <source>The pinned trace has no stage %1 (the model&apos;s layout changed).</source>
        <translation>固定的计算记录中没有阶段 %1（模型架构变了）。</translation>
    </message>
    <message>
        <source>No difference map: the shapes differ (pinned %1, now %2). Change a word for one of the same length to compare cell by cell.</source>
        <translation>无法画差值图：形状不同（固定的 %1，现在 %2）。把一个词元换成另一个词元（保持词元数不变），就能逐格比较。</translation>
    </message>
    <message>
        <source>now − pinned</source>
        <translation>现在 − 固定的</translation>
    </message>
    <message>
        <source>No difference in this stage.</source>
        <translation>这个阶段没有差别。</translation>
    </message>
    <message>
        <source>Largest change in this stage (all heads): %1</source>
        <translation>这个阶段的最大变化（所有头）：%1</translation>
    </message>
    <message>
        <source>P&amp;atch from pinned</source>
        <translation>从固定的记录修补(&amp;A)</translation>
    </message>
    <message>
        <source>The layer of the head to patch (the selected head&apos;s, by default)</source>
        <translation>要修补的头所在的层（默认是选中的头所在的层）</translation>
    </message>
    <message>
        <source>The head to patch, within its layer</source>
        <translation>要修补的头（在它所在的层里编号）</translation>
    </message>
    <message>
        <source>Run this prompt again with the head&apos;s output taken from the pinned prompt (activation patching): how far it moves the prediction is how much of the pinned prompt&apos;s answer the head carries</source>
        <translation>把这个头的输出换成它在固定的提示上的输出，再把当前提示算一遍（激活修补）：预测被推动了多少，就说明这个头携带了多少固定提示的答案</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>This prompt</source>
        <translation>当前提示</translation>
    </message>
    <message>
        <source>Patched</source>
        <translation>修补后</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>固定的提示</translation>
    </message>
    <message>
        <source>The next-token probabilities at the last position: as this prompt computes them, with the head patched in, and on the pinned prompt</source>
        <translation>最后一个位置上下一个 词元的概率：当前提示算出的、修补了这个头之后的、以及固定的提示上的</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>Patch one head&apos;s output from the pinned prompt into this one (same number of tokens).</source>
        <translation>把一个头在固定的提示上的输出修补进当前提示（两个提示的 词元数必须相同）。</translation>
    </message>
    <message>
        <source>Patching head %1.%2…</source>
        <translation>正在修补头 %1.%2…</translation>
    </message>
    <message>
        <source>out of memory: use fewer tokens or a smaller model</source>
        <translation>内存不足：请减少 词元或换用更小的模型</translation>
    </message>
    <message>
        <source>Head %1.%2 from the pinned prompt, at position %3:</source>
        <translation>来自固定提示的头 %1.%2，位置 %3：</translation>
    </message>
</context>
<context>
    <name>attn::ui::ConfigPanel</name>
    <message>
        <source>Choose an example…</source>
        <translation>选择一个示例…</translation>
    </message>
    <message>
        <source>Load a built-in example: its model and its sentence (undoable)</source>
        <translation>载入内置示例：它的模型和句子（可撤销）</translation>
    </message>
    <message>
        <source>Load example %1</source>
        <translation>载入示例 %1</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>encoder-only (BERT)</source>
        <translation>仅编码器（BERT）</translation>
    </message>
    <message>
        <source>decoder-only (GPT)</source>
        <translation>仅解码器（GPT）</translation>
    </message>
    <message>
        <source>encoder-decoder (translation)</source>
        <translation>编码器-解码器（翻译）</translation>
    </message>
    <message>
        <source>Which stacks the model has; decoder self-attention is always causal</source>
        <translation>模型包含哪些堆叠；解码器的自注意力总是因果的</translation>
    </message>
    <message>
        <source>d_model</source>
        <translation>d_model</translation>
    </message>
    <message>
        <source>Features per token</source>
        <translation>每个词元的特征数</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>头数</translation>
    </message>
    <message>
        <source>Attention heads; d_model must be divisible by it (head size d_k = d_model / heads)</source>
        <translation>注意力头的数目；d_model 必须能被它整除（头维度 d_k = d_model / 头数）</translation>
    </message>
    <message>
        <source>Encoder layers</source>
        <translation>编码器层数</translation>
    </message>
    <message>
        <source>Layers in the encoder stack</source>
        <translation>编码器堆叠中的层数</translation>
    </message>
    <message>
        <source>Decoder layers</source>
        <translation>解码器层数</translation>
    </message>
    <message>
        <source>Layers in the decoder stack</source>
        <translation>解码器堆叠中的层数</translation>
    </message>
    <message>
        <source>Feed-forward size</source>
        <translation>前馈网络大小</translation>
    </message>
    <message>
        <source>Hidden units of each layer&apos;s feed-forward network</source>
        <translation>每层前馈网络的隐藏单元数</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>The feed-forward non-linearity</source>
        <translation>前馈网络的非线性函数</translation>
    </message>
    <message>
        <source>Pre-norm (norm_first)</source>
        <translation>前置层归一化（norm_first）</translation>
    </message>
    <message>
        <source>Layer norm before each sub-layer instead of after the residual sum</source>
        <translation>在每个子层之前做层归一化，而不是在残差相加之后</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>位置编码</translation>
    </message>
    <message>
        <source>sinusoidal</source>
        <translation>正弦</translation>
    </message>
    <message>
        <source>learned</source>
        <translation>可学习</translation>
    </message>
    <message>
        <source>RoPE (rotary)</source>
        <translation>RoPE（旋转）</translation>
    </message>
    <message>
        <source>ALiBi (linear bias)</source>
        <translation>ALiBi（线性偏置）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>How the model knows where each token is</source>
        <translation>模型如何知道每个词元的位置</translation>
    </message>
    <message>
        <source>Frequency base</source>
        <translation>频率底数</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>最大词元数</translation>
    </message>
    <message>
        <source>Longest input the model accepts</source>
        <translation>模型接受的最长输入</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Weights and token vectors are drawn from this seed</source>
        <translation>权重和词嵌入由这个种子生成</translation>
    </message>
    <message>
        <source>Causal encoder</source>
        <translation>因果编码器</translation>
    </message>
    <message>
        <source>Hide later tokens in encoder self-attention too</source>
        <translation>在编码器自注意力中也遮住后面的词元</translation>
    </message>
    <message>
        <source>Sliding window</source>
        <translation>滑动窗口</translation>
    </message>
    <message>
        <source>0 = off; w = each query sees only keys at distance &lt; w</source>
        <translation>0 = 关闭；w = 每个查询只看到距离 &lt; w 的键</translation>
    </message>
    <message>
        <source>Pad token</source>
        <translation>填充词元</translation>
    </message>
    <message>
        <source>Tokens written like this are masked as keys</source>
        <translation>这样写的词元作为键会被遮住</translation>
    </message>
    <message>
        <source>Open weights…</source>
        <translation>打开权重…</translation>
    </message>
    <message>
        <source>Load a PyTorch nn.Transformer state_dict saved as .safetensors</source>
        <translation>载入以 .safetensors 保存的 PyTorch nn.Transformer state_dict</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>type a number such as 1e-5</source>
        <translation>请输入一个数，例如 1e-5</translation>
    </message>
    <message>
        <source>type a number such as 10000</source>
        <translation>请输入一个数，例如 10000</translation>
    </message>
    <message>
        <source>type a whole number of at least 0</source>
        <translation>请输入一个不小于 0 的整数</translation>
    </message>
    <message>
        <source>Change %1</source>
        <translation>修改 %1</translation>
    </message>
    <message>
        <source>from the seed (Xavier, as PyTorch initialises)</source>
        <translation>由种子生成（Xavier，与 PyTorch 的初始化相同）</translation>
    </message>
    <message>
        <source>Block-sparse</source>
        <translation>块稀疏</translation>
    </message>
    <message>
        <source>0 = off; b = each query sees only keys in its own block of b tokens (self-attention)</source>
        <translation>0 = 关闭；b = 每个查询只看到自己所在的 b 个词元的块中的键（自注意力）</translation>
    </message>
    <message>
        <source>binary (sin, cos of p / 2^j)</source>
        <translation>二进制（p / 2^j 的 sin、cos）</translation>
    </message>
    <message>
        <source>Base of the sinusoidal and RoPE frequencies, sin(p / base^(2i/d)): 10000 in the paper. Base 2 is not the binary code; choose “binary” for sin(p / 2^j)</source>
        <translation>正弦编码和 RoPE 的频率底数，sin(p / base^(2i/d))：论文中为 10000。以 2 为底并不是二进制编码；要用 sin(p / 2^j) 请选择“二进制”</translation>
    </message>
    <message>
        <source>Concatenate PE</source>
        <translation>拼接位置编码</translation>
    </message>
    <message>
        <source>0 = add the positional encoding to the embedding; k = put a k-wide encoding after the first d_model − k features of the embedding instead (sinusoidal or binary, k even)</source>
        <translation>0 = 把位置编码加到词嵌入上；k = 改为把 k 维编码接在词嵌入的前 d_model − k 个特征之后（正弦或二进制编码，k 为偶数）</translation>
    </message>
    <message>
        <source>GELU (tanh, GPT-2)</source>
        <translation>GELU（tanh 近似，GPT-2）</translation>
    </message>
    <message>
        <source>Load a built-in example instead of this model (undoable)</source>
        <translation>改为载入内置示例，替换当前模型（可撤销）</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2&lt;br&gt;%3 layers × %4 heads, d_model %5, feed-forward %6&lt;br&gt;%7 parameters · vocab %8 · %9 positions&lt;br&gt;%10 on disk (%11)&lt;br&gt;&lt;i&gt;The settings below come from its config.json and cannot be changed here.&lt;/i&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2&lt;br&gt;%3 层 × %4 个头，d_model %5，前馈网络 %6&lt;br&gt;%7 个参数 · 词表 %8 · %9 个位置&lt;br&gt;磁盘上 %10（%11）&lt;br&gt;&lt;i&gt;下面的设置来自它的 config.json，不能在这里修改。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>RoPE pairs</source>
        <translation>RoPE 配对</translation>
    </message>
    <message>
        <source>interleaved (2i, 2i+1)</source>
        <translation>相邻交错 (2i, 2i+1)</translation>
    </message>
    <message>
        <source>halves (i, i + d/2), as Llama</source>
        <translation>前后两半 (i, i + d/2)，同 Llama</translation>
    </message>
    <message>
        <source>Which features RoPE turns together: neighbours, as RoFormer; or feature i with feature i + d_k/2, as Llama, Qwen and Mistral (rotate_half). The angles are the same.</source>
        <translation>RoPE 把哪两个特征一起旋转：相邻的两个（RoFormer 的做法）；或第 i 个与第 i + d_k/2 个（Llama、Qwen 和 Mistral 的 rotate_half）。两种做法的旋转角度相同。</translation>
    </message>
    <message>
        <source>K/V heads</source>
        <translation>K/V 头数</translation>
    </message>
    <message>
        <source>Heads of K and V. Same as heads: multi-head attention; 1: every query head shares one (multi-query); a divisor of heads: grouped-query attention, as Llama 3, Qwen and Mistral. Query head h reads K/V head h / (heads / K/V heads); the KV cache shrinks by the same factor</source>
        <translation>K 和 V 的头数。与头数相同：多头注意力；1：所有查询头共用一个（多查询注意力）；头数的因数：分组查询注意力，同 Llama 3、Qwen 和 Mistral。查询头 h 读取 K/V 头 h / (头数 / K/V 头数)；KV 缓存按同样的倍数缩小</translation>
    </message>
    <message>
        <source>= heads</source>
        <translation>= 头数</translation>
    </message>
    <message>
        <source>QK-norm</source>
        <translation>QK 归一化</translation>
    </message>
    <message>
        <source>RMS-normalise each head&apos;s query and key (own γ of d_k) before RoPE, as Qwen3</source>
        <translation>在 RoPE 之前对每个头的查询和键做 RMS 归一化（各有 d_k 维的 γ），同 Qwen3</translation>
    </message>
    <message>
        <source>Feed-forward</source>
        <translation>前馈网络</translation>
    </message>
    <message>
        <source>activation(x·W₁ᵀ)·W₂ᵀ</source>
        <translation>激活(x·W₁ᵀ)·W₂ᵀ</translation>
    </message>
    <message>
        <source>SwiGLU, as Llama and Qwen</source>
        <translation>SwiGLU，同 Llama 和 Qwen</translation>
    </message>
    <message>
        <source>SwiGLU multiplies the up projection by the SiLU of a third, gate projection: (silu(x·W_gᵀ) ⊙ x·W₁ᵀ)·W₂ᵀ. The activation above is then not used</source>
        <translation>SwiGLU 用第三个投影（门控）的 SiLU 去乘上投影：(silu(x·W_gᵀ) ⊙ x·W₁ᵀ)·W₂ᵀ。此时上面的激活函数不再使用</translation>
    </message>
    <message>
        <source>Norm</source>
        <translation>归一化</translation>
    </message>
    <message>
        <source>LayerNorm</source>
        <translation>LayerNorm</translation>
    </message>
    <message>
        <source>RMSNorm, as Llama and Qwen</source>
        <translation>RMSNorm，同 Llama 和 Qwen</translation>
    </message>
    <message>
        <source>LayerNorm: (x − mean) / √(var + ε) · γ + β. RMSNorm: x / √(mean(x²) + ε) · γ, no centring and no β</source>
        <translation>LayerNorm：(x − 均值) / √(方差 + ε) · γ + β。RMSNorm：x / √(mean(x²) + ε) · γ，不减均值，也没有 β</translation>
    </message>
    <message>
        <source>Norm ε</source>
        <translation>归一化 ε</translation>
    </message>
    <message>
        <source>Added to the variance (or mean square) before the square root, e.g. 1e-5</source>
        <translation>开方之前加到方差（或均方）上，例如 1e-5</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>KV 缓存</translation>
    </message>
    <message>
        <source>What generation keeps per token: 2 (K and V) · decoder layers · tokens · K/V heads · d_k numbers of 4 bytes</source>
        <translation>生成时为每个词元保存的内容：2（K 和 V）· 解码器层数 · 词元数 · K/V 头数 · d_k 个数，每个 4 字节</translation>
    </message>
    <message>
        <source>only a decoder keeps one</source>
        <translation>只有解码器才有</translation>
    </message>
    <message>
        <source>%1 at %2 tokens</source>
        <translation>%2 个词元时 %1</translation>
    </message>
    <message>
        <source>%1 at %2 tokens (multi-head: %3, %4× more)</source>
        <translation>%2 个词元时 %1（多头注意力需 %3，是它的 %4 倍）</translation>
    </message>
    <message>
        <source>grouped-query attention: %1 query heads share %2 K/V heads</source>
        <translation>分组查询注意力：%1 个查询头共用 %2 个 K/V 头</translation>
    </message>
    <message>
        <source>Global every</source>
        <translation>全局层间隔</translation>
    </message>
    <message>
        <source>Local and global layers, as Gemma alternates them: 0 = the window in every layer (Mistral); n = every n-th layer sees the whole sequence (Gemma 2: 2, Gemma 3: 6)</source>
        <translation>局部层与全局层，像 Gemma 那样交替：0 = 每一层都用窗口（Mistral）；n = 每隔 n 层有一层看到整个序列（Gemma 2：2，Gemma 3：6）</translation>
    </message>
    <message>
        <source>Sink tokens</source>
        <translation>汇聚词元</translation>
    </message>
    <message>
        <source>StreamingLLM&apos;s attention sinks: the first k tokens stay visible to every query of a windowed layer</source>
        <translation>StreamingLLM 的注意力汇聚点：在带窗口的层里，最前面的 k 个词元对每个查询都保持可见</translation>
    </message>
    <message>
        <source>%1 of matrices kept in BF16 in memory, widened exactly where used</source>
        <translation>%1 的矩阵以 BF16 保存在内存中，用到时精确展开为 float32</translation>
    </message>
</context>
<context>
    <name>attn::ui::CostView</name>
    <message>
        <source>&amp;Measure time and memory against length</source>
        <translation>测量时间和内存随长度的变化(&amp;M)</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>multiply-adds</source>
        <translation>乘加次数</translation>
    </message>
    <message>
        <source>What each stage keeps (4 bytes a float) and the multiply-adds that computed it; click a row to show it</source>
        <translation>每个阶段保存的数据（每个浮点数 4 字节）以及计算它所需的乘加次数；点击一行即可显示该阶段</translation>
    </message>
    <message>
        <source>Run the engine on 8, 16, … 512 random tokens with this config and plot its time and memory</source>
        <translation>用当前配置在 8、16、… 512 个随机词元上运行引擎，画出时间和内存</translation>
    </message>
    <message>
        <source>sequence length n</source>
        <translation>序列长度 n</translation>
    </message>
    <message>
        <source>time per forward pass (ms)</source>
        <translation>每次前向计算的时间（毫秒）</translation>
    </message>
    <message>
        <source>trace memory (MB)</source>
        <translation>计算记录内存（MB）</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>(shared)</source>
        <translation>（共享）</translation>
    </message>
    <message>
        <source>&lt;br&gt;The mask of &lt;i&gt;%1&lt;/i&gt; lets through %2% of the query–key pairs: a kernel that skips hidden pairs (sliding window, block-sparse) would do that share of the QKᵀ and weights·V work. This engine computes every pair, to show them all.</source>
        <translation>&lt;br&gt;&lt;i&gt;%1&lt;/i&gt; 的掩码放行了 %2% 的查询–键对：跳过被遮住的对的计算核（滑动窗口、块稀疏）只需做这部分 QKᵀ 和 weights·V 的工作。本引擎计算每一对，以便全部展示。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 multiply-adds&lt;/b&gt; and &lt;b&gt;%2&lt;/b&gt; of intermediates for n = %3 tokens, d_model = %4. Scores and weights grow as n², projections and the feed-forward as n.</source>
        <translation>n = %3 个词元、d_model = %4 时共 &lt;b&gt;%1 次乘加&lt;/b&gt;，中间结果占 &lt;b&gt;%2&lt;/b&gt;。分数和权重按 n² 增长，投影和前馈网络按 n 增长。</translation>
    </message>
    <message>
        <source>Stop &amp;measuring</source>
        <translation>停止测量(&amp;M)</translation>
    </message>
    <message>
        <source>&lt;br&gt;This model is too big to measure here.</source>
        <translation>&lt;br&gt;这个模型太大，无法在这里测量。</translation>
    </message>
    <message>
        <source>Press “Measure” to time the engine
on 8, 16, … 512 tokens with this model</source>
        <translation>按“测量”，用这个模型在
8、16、… 512 个词元上为引擎计时</translation>
    </message>
</context>
<context>
    <name>attn::ui::ExplainPanel</name>
    <message>
        <source>How the number under the pointer (or the selected cell) was computed</source>
        <translation>鼠标所指（或选中的格子）的数是怎样算出来的</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Hover a cell&lt;/b&gt; to see how its number was computed, with the real numbers.&lt;/p&gt;&lt;p&gt;Click a cell to pin it; use ↓ to walk through the cells one by one.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;把鼠标移到格子上&lt;/b&gt;，用真实的数字看它是怎样算出来的。&lt;/p&gt;&lt;p&gt;单击格子可以固定它；按 ↓ 逐个走过每个格子。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>attn::ui::ExportMenu</name>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Stage view…</source>
        <translation>阶段视图(&amp;S)…</translation>
    </message>
    <message>
        <source>The current stage as PNG, SVG or PDF, or its numbers as CSV, NPY or JSON</source>
        <translation>把当前阶段导出为 PNG、SVG 或 PDF，或把它的数导出为 CSV、NPY 或 JSON</translation>
    </message>
    <message>
        <source>&amp;Heads grid…</source>
        <translation>多头网格(&amp;H)…</translation>
    </message>
    <message>
        <source>Every layer and head in one image</source>
        <translation>所有层和头放在一张图中</translation>
    </message>
    <message>
        <source>&amp;All heads into a folder…</source>
        <translation>所有头导出到文件夹(&amp;A)…</translation>
    </message>
    <message>
        <source>One file per layer and head, plus the grid</source>
        <translation>每层每个头一个文件，外加网格图</translation>
    </message>
    <message>
        <source>&amp;Lines view…</source>
        <translation>连线视图(&amp;L)…</translation>
    </message>
    <message>
        <source>The lines view as PNG, SVG or PDF</source>
        <translation>把连线视图导出为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <source>P&amp;ositions view…</source>
        <translation>位置视图(&amp;O)…</translation>
    </message>
    <message>
        <source>The positional encoding and its position similarity as PNG, SVG or PDF</source>
        <translation>把位置编码及其位置相似度导出为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <source>Positions &amp;curves…</source>
        <translation>位置曲线(&amp;C)…</translation>
    </message>
    <message>
        <source>The positional-encoding curves as PNG, SVG or PDF</source>
        <translation>把位置编码曲线导出为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <source>&amp;Copy stage view as image</source>
        <translation>把阶段视图复制为图片(&amp;C)</translation>
    </message>
    <message>
        <source>Put the current stage figure on the clipboard</source>
        <translation>把当前阶段的图放到剪贴板</translation>
    </message>
    <message>
        <source>Export options</source>
        <translation>导出选项</translation>
    </message>
    <message>
        <source>No background, for slides with their own</source>
        <translation>无背景，用于自带背景的幻灯片</translation>
    </message>
    <message>
        <source>Write each number in its cell when it fits</source>
        <translation>放得下时在格子里写出每个数</translation>
    </message>
    <message>
        <source>Font size:</source>
        <translation>字号：</translation>
    </message>
    <message>
        <source>Transparent background:</source>
        <translation>透明背景：</translation>
    </message>
    <message>
        <source>Values in cells:</source>
        <translation>格内数值：</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG vector image (*.svg);;PDF (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export stage</source>
        <translation>导出阶段</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG vector image (*.svg);;PDF (*.pdf);;CSV table (*.csv);;NumPy array (*.npy);;JSON (*.json)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF (*.pdf);;CSV 表格 (*.csv);;NumPy 数组 (*.npy);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Export heads grid</source>
        <translation>导出多头网格</translation>
    </message>
    <message>
        <source>Export every head into…</source>
        <translation>把每个头导出到…</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Images also get a grid of all heads (all-heads.&lt;format&gt;)</source>
        <translation>图像格式还会额外生成一张所有头的网格图（all-heads.&lt;格式&gt;）</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Wrote %1 files to %2</source>
        <translation>已向 %2 写入 %1 个文件</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <source>Export positions view</source>
        <translation>导出位置视图</translation>
    </message>
    <message>
        <source>Copied the stage figure to the clipboard</source>
        <translation>已把阶段图复制到剪贴板</translation>
    </message>
    <message>
        <source>natural size</source>
        <translation>自然大小</translation>
    </message>
    <message>
        <source>3.3in (one column)</source>
        <translation>3.3in（单栏）</translation>
    </message>
    <message>
        <source>7in (full page width)</source>
        <translation>7in（通栏）</translation>
    </message>
    <message>
        <source>The printed width, the same for PNG, SVG and PDF: a number with in, cm, mm or pt</source>
        <translation>打印宽度，PNG、SVG 和 PDF 相同：带 in、cm、mm 或 pt 的数字</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>PNG only: pixels per inch of the printed width (300 for print, 150 for slides)</source>
        <translation>仅 PNG：打印宽度每英寸的像素数（印刷用 300，幻灯片用 150）</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Size of the token labels in points at the printed size (8–9 pt stay legible in print)</source>
        <translation>词元标签在打印尺寸下的字号（磅）（8–9 pt 印刷后仍清晰）</translation>
    </message>
    <message>
        <source>every one that fits</source>
        <translation>放得下的都显示</translation>
    </message>
    <message>
        <source>all (smaller when needed)</source>
        <translation>全部（必要时缩小）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>不显示</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>宽度：</translation>
    </message>
    <message>
        <source>Resolution (PNG):</source>
        <translation>分辨率（PNG）：</translation>
    </message>
    <message>
        <source>Token labels:</source>
        <translation>词元标签：</translation>
    </message>
    <message>
        <source>The figure&apos;s caption; leave it empty for none</source>
        <translation>图的标题；留空则不加标题</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>all %1 (e.g. 0-3,11)</source>
        <translation>全部 %1 层（例如 0-3,11）</translation>
    </message>
    <message>
        <source>all %1 (e.g. 0,5)</source>
        <translation>全部 %1 个（例如 0,5）</translation>
    </message>
    <message>
        <source>The layers to draw, one row each: numbers and ranges such as 0-3,11; empty for all</source>
        <translation>要画的层，每层一行：写编号和范围，如 0-3,11；留空表示全部</translation>
    </message>
    <message>
        <source>The heads to draw, one column each: numbers and ranges such as 0,5; empty for all. Fewer heads make each larger at a journal&apos;s column width</source>
        <translation>要画的头，每个头一列：写编号和范围，如 0,5；留空表示全部。在期刊的栏宽下，头越少，每个画得越大</translation>
    </message>
    <message>
        <source>Layers:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>Heads:</source>
        <translation>头：</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>头</translation>
    </message>
</context>
<context>
    <name>attn::ui::HeadsView</name>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>%1, head %2: click to open</source>
        <translation>%1，头 %2：单击打开</translation>
    </message>
    <message>
        <source>K/V head %1</source>
        <translation>K/V 头 %1</translation>
    </message>
    <message>
        <source>Query heads %1–%2 read the same keys and values: K/V head %3 (grouped-query attention)</source>
        <translation>查询头 %1–%2 读取相同的键和值：K/V 头 %3（分组查询注意力）</translation>
    </message>
    <message>
        <source>sink %1%</source>
        <translation>汇聚 %1%</translation>
    </message>
    <message>
        <source>Attention sink: on average %1% of this head&apos;s weight goes to the first token</source>
        <translation>注意力汇聚：这个头平均把 %1% 的权重放在第一个词元上</translation>
    </message>
    <message>
        <source>prev %1%</source>
        <translation>前一词元 %1%</translation>
    </message>
    <message>
        <source>Previous-token head: on average %1% of each token&apos;s weight goes to the token before it</source>
        <translation>前一词元头：平均每个词元 %1% 的权重落在它前面的那个词元上</translation>
    </message>
    <message>
        <source>induction %1%</source>
        <translation>归纳 %1%</translation>
    </message>
    <message>
        <source>Induction head: on a random sequence repeated twice, %1% of the weight goes to the token after the earlier occurrence of the current one</source>
        <translation>归纳头：在一个重复两遍的随机序列上，%1% 的权重落在当前词元上一次出现位置的后一个词元上</translation>
    </message>
    <message>
        <source>&amp;Restore every head</source>
        <translation>恢复所有头(&amp;R)</translation>
    </message>
    <message>
        <source>Put every knocked-out head back (undo with Ctrl+Z)</source>
        <translation>把所有被消融的头放回去（也可用 Ctrl+Z 撤销）</translation>
    </message>
    <message>
        <source>Knock out the selected head</source>
        <translation>消融选中的头</translation>
    </message>
    <message>
        <source>Attention weights of every layer and head; click one to open it, right-click to knock it out</source>
        <translation>每一层、每个头的注意力权重；单击打开，右键可将其消融</translation>
    </message>
    <message>
        <source>Knock out head %1.%2</source>
        <translation>消融头 %1.%2</translation>
    </message>
    <message>
        <source>Its output is removed before W_O: the predictions and every later stage show what it did</source>
        <translation>它的输出在 W_O 之前被去掉：预测和之后的每个阶段都会显示它原本起了什么作用</translation>
    </message>
    <message>
        <source>Knocked-out heads pass on their mean</source>
        <translation>被消融的头传出其平均值</translation>
    </message>
    <message>
        <source>Mean ablation: each knocked-out head passes on its mean output over the text instead of zeros</source>
        <translation>均值消融：每个被消融的头传出它在整段文本上的平均输出，而不是零</translation>
    </message>
    <message>
        <source>Restore every head</source>
        <translation>恢复所有头</translation>
    </message>
    <message>
        <source>Knocked out: %1 (each passes on its mean)</source>
        <translation>已消融：%1（各自传出平均值）</translation>
    </message>
    <message>
        <source>Knocked out: %1 (each passes on zeros)</source>
        <translation>已消融：%1（各自传出零）</translation>
    </message>
    <message>
        <source>✕ knocked out</source>
        <translation>✕ 已消融</translation>
    </message>
</context>
<context>
    <name>attn::ui::HeatmapWidget</name>
    <message>
        <source>Type a number and press Enter; Esc cancels</source>
        <translation>输入一个数并按回车；按 Esc 取消</translation>
    </message>
    <message>
        <source>Not a finite number: type a value such as 0.5 or -1e3</source>
        <translation>不是有限的数：请输入例如 0.5 或 -1e3</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全图</translation>
    </message>
    <message>
        <source>Show the whole matrix again (the wheel zooms, a drag pans)</source>
        <translation>重新显示整个矩阵（滚轮缩放，拖动平移）</translation>
    </message>
</context>
<context>
    <name>attn::ui::InputPanel</name>
    <message>
        <source>&amp;Text (source):</source>
        <translation>文本（源）(&amp;T)：</translation>
    </message>
    <message>
        <source>T&amp;arget text:</source>
        <translation>目标文本(&amp;A)：</translation>
    </message>
    <message>
        <source>Type any sentence: words and punctuation become tokens, and every Chinese character is its own token. The whole computation follows each keystroke.</source>
        <translation>输入任意句子：英文按空格和标点切分成词元，每个汉字单独成为一个词元。每次按键，整个计算都会随之更新。</translation>
    </message>
    <message>
        <source>The decoder&apos;s sentence (encoder-decoder models): its queries attend to the source</source>
        <translation>解码器的句子（编码器-解码器模型）：它的查询关注源句子</translation>
    </message>
    <message>
        <source>The tokens the model sees, numbered by position</source>
        <translation>模型看到的词元，按位置编号</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>文本(&amp;T)：</translation>
    </message>
    <message>
        <source>Keep the first tokens this model has positions for (undoable)</source>
        <translation>只保留这个模型的位置数所能容纳的前若干个词元（可撤销）</translation>
    </message>
    <message>
        <source>Cut the text to %1 tokens</source>
        <translation>把文本截到 %1 个词元</translation>
    </message>
    <message>
        <source>Chat template</source>
        <translation>对话模板</translation>
    </message>
    <message>
        <source>Wrap the text in this model&apos;s chat template (one user turn and the assistant&apos;s prompt), as the model was trained to read it; the template&apos;s special tokens appear as tokens</source>
        <translation>用此模型的对话模板包裹文本（一轮用户发言加上助手的开头），这正是模型训练时读到的格式；模板里的特殊词元会作为词元出现</translation>
    </message>
</context>
<context>
    <name>attn::ui::LessonPanel</name>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>◀ &amp;Back</source>
        <translation>◀ 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>下一步(&amp;N) ▶</translation>
    </message>
    <message>
        <source>Choose a lesson; each step sets up the app and explains what you see</source>
        <translation>选择一课；每一步都会设置好应用并解释你看到的内容</translation>
    </message>
    <message>
        <source>Open a lesson file you wrote (JSON, see docs/LESSONS.md)</source>
        <translation>打开你自己编写的课程文件（JSON，见 docs/LESSONS.md）</translation>
    </message>
    <message>
        <source>Previous step (Page Up)</source>
        <translation>上一步（Page Up）</translation>
    </message>
    <message>
        <source>Next step (Page Down)</source>
        <translation>下一步（Page Down）</translation>
    </message>
    <message>
        <source>Open a lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>Lessons (*.json)</source>
        <translation>课程 (*.json)</translation>
    </message>
    <message>
        <source>Cannot open the lesson</source>
        <translation>无法打开课程</translation>
    </message>
    <message>
        <source>Choose a lesson…</source>
        <translation>选择一课…</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Lesson: %1</source>
        <translation>课程：%1</translation>
    </message>
    <message>
        <source>This step could not set up the app: %1</source>
        <translation>这一步无法设置应用：%1</translation>
    </message>
    <message>
        <source>Guided lessons</source>
        <translation>引导式课程</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>Your turn: %1</source>
        <translation>轮到你了：%1</translation>
    </message>
    <message>
        <source>✔ Done: press Next to go on.</source>
        <translation>✔ 完成：按“下一步”继续。</translation>
    </message>
    <message>
        <source>○ Not yet.</source>
        <translation>○ 尚未完成。</translation>
    </message>
    <message>
        <source>Predict first</source>
        <translation>先预测</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>核对(&amp;C)</translation>
    </message>
    <message>
        <source>Commit a guess before the app shows the answer; you are told how close you were</source>
        <translation>在应用给出答案之前先提交你的猜测；之后会告诉你差了多少</translation>
    </message>
    <message>
        <source>Compare your prediction with what the model computes (Enter)</source>
        <translation>把你的预测与模型算出的数核对（Enter）</translation>
    </message>
    <message>
        <source>a number, e.g. 0.5</source>
        <translation>一个数，例如 0.5</translation>
    </message>
    <message>
        <source>a shape, e.g. 24 × 8</source>
        <translation>一个形状，例如 24 × 8</translation>
    </message>
    <message>
        <source>Your pick: column %1 of row %2. Press Check.</source>
        <translation>你选的是行 %2、列 %1。请按“核对”。</translation>
    </message>
    <message>
        <source>Click the cell of row %1 you expect to be largest, then press Check.</source>
        <translation>点击你认为行 %1 中最大的那个格子，然后按“核对”。</translation>
    </message>
    <message>
        <source>This prediction cannot be checked on the current model: %1</source>
        <translation>无法在当前模型上核对这个预测：%1</translation>
    </message>
    <message>
        <source>This step is about GPT-2: open a GPT-2 folder (File › Open model…) to follow it; the first step of this lesson says how to get one.</source>
        <translation>这一步讲的是 GPT-2：请打开一个 GPT-2 文件夹（文件 › 打开模型…）再继续；本课第一步说明了怎样获取它。</translation>
    </message>
    <message>
        <source>This step is about BERT: open a BERT folder (File › Open model…) to follow it; the first step of this lesson says how to get one.</source>
        <translation>这一步讲的是 BERT：请打开一个 BERT 文件夹（文件 › 打开模型…）再继续；本课第一步说明了怎样获取它。</translation>
    </message>
    <message>
        <source>Lesson: back to %1</source>
        <translation>课程：回到 %1</translation>
    </message>
    <message>
        <source>%1 lessons walk through attention with the live model: a worked example and dot products, scaling, masks and the values, heads, positions and position inside attention, the whole block, BERT&apos;s block, cross-attention, how attention learns, cost, a real GPT-2 or BERT, models trained here, grouped-query attention, RoPE in detail, FlashAttention&apos;s online softmax, sliding windows and attention sinks, asking the model why, common mistakes, and what the source articles get wrong. Every lesson asks you to predict something first.

Choose one above, or press **Page Down** to start with the first.</source>
        <translation>共 %1 节课，用实时运行的模型讲解注意力：一个算例和点积、缩放、掩码与值、多头、位置编码与注意力内部的位置、完整的块、BERT 的块、交叉注意力、注意力如何学习、计算代价、真实的 GPT-2 或 BERT、在这里训练的模型、分组查询注意力、RoPE 详解、FlashAttention 的在线 softmax、滑动窗口与注意力汇聚点、问模型为什么、常见错误，以及源文章错在哪里。每一课都会先请你预测一件事。

在上面选一课，或按 **Page Down** 从第一课开始。</translation>
    </message>
</context>
<context>
    <name>attn::ui::LinesView</name>
    <message>
        <source>Which attention block to draw</source>
        <translation>要画哪个注意力块</translation>
    </message>
    <message>
        <source>Show one head, or all heads in their own colours</source>
        <translation>显示一个头，或用各自的颜色显示所有头</translation>
    </message>
    <message>
        <source>Block:</source>
        <translation>块：</translation>
    </message>
    <message>
        <source>Heads:</source>
        <translation>头：</translation>
    </message>
    <message>
        <source>Line opacity = attention weight. Hover a token to keep only its lines.</source>
        <translation>线的不透明度 = 注意力权重。把鼠标移到一个词元上，只保留它的连线。</translation>
    </message>
    <message>
        <source>all heads</source>
        <translation>所有头</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
</context>
<context>
    <name>attn::ui::LogitAttributionView</name>
    <message>
        <source>The position whose prediction is split (the last one by default)</source>
        <translation>要拆分其预测的位置（默认是最后一个）</translation>
    </message>
    <message>
        <source>The token whose logit is split: one of the model&apos;s top guesses at this position</source>
        <translation>要拆分其 logit 的 词元：模型在这个位置最有把握的几个猜测之一</translation>
    </message>
    <message>
        <source>Red: the head raises this token&apos;s logit; blue: it lowers it. Click a head to see its attention pattern.</source>
        <translation>红色：这个头抬高了这个 词元的 logit；蓝色：压低了它。点击一个头可查看它的注意力模式。</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>This model has no output head, so there is no logit to split.</source>
        <translation>这个模型没有输出头，所以没有可拆分的 logit。</translation>
    </message>
    <message>
        <source>How much each head&apos;s output adds to the logit of “%1” at position %2, read straight through W_O, the final norm (its scale frozen) and the output head. Red raises it, blue lowers it.</source>
        <translation>每个头的输出直接经过 W_O、最终的归一化（缩放固定不变）和输出头，给位置 %2 上“%1”的 logit 加了多少。红色抬高，蓝色压低。</translation>
    </message>
    <message>
        <source>layer %1 cross</source>
        <translation>层 %1 交叉</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>层 %1</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>adds to the logit</source>
        <translation>对 logit 的贡献</translation>
    </message>
    <message>
        <source>logit %1 = heads %2, feed-forward layers %3, embeddings %4, attention biases %5, final norm&apos;s β and output bias %6</source>
        <translation>logit %1 = 各头 %2，前馈层 %3，嵌入 %4，注意力偏置 %5，最终归一化的 β 与输出偏置 %6</translation>
    </message>
    <message>
        <source>Layer %1 cross-attention head %2 adds %3 to the logit of “%4”.</source>
        <translation>层 %1 交叉注意力的头 %2 给“%4”的 logit 加了 %3。</translation>
    </message>
    <message>
        <source>Layer %1 head %2 adds %3 to the logit of “%4”.</source>
        <translation>层 %1 的头 %2 给“%4”的 logit 加了 %3。</translation>
    </message>
</context>
<context>
    <name>attn::ui::LogitLensView</name>
    <message>
        <source>How many of the last positions to read (each reads the whole vocabulary at every layer)</source>
        <translation>读取最后多少个位置（每个位置在每一层都要读整个词表）</translation>
    </message>
    <message>
        <source>Each cell: the most probable token read from the residual stream after that layer, through the final norm and the output head; hover for the top three</source>
        <translation>每一格：在这一层之后的残差流上，经过最终归一化和输出头读出的最可能的词元；鼠标悬停可看前三名</translation>
    </message>
    <message>
        <source>Last positions</source>
        <translation>最后的位置数</translation>
    </message>
    <message>
        <source>This model has no output head, so there is no guess to read after each layer.</source>
        <translation>这个模型没有输出头，所以读不出每一层之后的猜测。</translation>
    </message>
    <message>
        <source>What the model would predict at each position, read after each layer as if the layers after it were not there (the logit lens): the last row is its prediction.</source>
        <translation>在每一层之后读出模型在每个位置上会预测什么，就好像后面的层不存在一样（logit 透镜）：最后一行就是它的预测。</translation>
    </message>
    <message>
        <source>embeddings</source>
        <translation>词嵌入</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>层 %1</translation>
    </message>
    <message>
        <source>out of memory: use fewer tokens or a smaller model</source>
        <translation>内存不足：请减少词元数或使用更小的模型</translation>
    </message>
</context>
<context>
    <name>attn::ui::MainWindow</name>
    <message>
        <source>computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
    <message>
        <source>Attention Lab did not close properly. Unsaved work from %1 can be recovered.</source>
        <translation>Attention Lab 上次没有正常关闭。可以恢复 %1 时未保存的工作。</translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <source>Open the unsaved session (then save it where you like)</source>
        <translation>打开未保存的会话（之后可以保存到你想要的位置）</translation>
    </message>
    <message>
        <source>Delete the unsaved copy and keep the example</source>
        <translation>删除未保存的副本，保留示例</translation>
    </message>
    <message>
        <source>Cannot recover</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Step back to the previous stage</source>
        <translation>退回上一个阶段</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Step over: the next stage of the computation</source>
        <translation>单步：计算的下一个阶段</translation>
    </message>
    <message>
        <source>Into</source>
        <translation>进入</translation>
    </message>
    <message>
        <source>Step into: walk the cells (softmax: the rows) one by one</source>
        <translation>进入：逐个走过每个格子（softmax：每一行）</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Step out: stop walking cells</source>
        <translation>退出：停止逐格走动</translation>
    </message>
    <message>
        <source>Play or pause: step automatically at the chosen speed</source>
        <translation>播放或暂停：按选定的速度自动单步</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>Show head %1</source>
        <translation>显示头 %1</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Show &amp;values in cells</source>
        <translation>在格子中显示数值(&amp;V)</translation>
    </message>
    <message>
        <source>Write each number in its cell when it fits</source>
        <translation>放得下时在格子里写出每个数</translation>
    </message>
    <message>
        <source>&amp;Dark palette</source>
        <translation>深色主题(&amp;D)</translation>
    </message>
    <message>
        <source>Light text on a dark background</source>
        <translation>深色背景上的浅色文字</translation>
    </message>
    <message>
        <source>Colour map for weights and other non-negative matrices</source>
        <translation>用于权重和其他非负矩阵的配色</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>解释</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>多头</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>连线</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Mistakes</source>
        <translation>常见错误</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>计算量</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open session…</source>
        <translation>打开会话(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a saved session (.attn.json)</source>
        <translation>打开已保存的会话（.attn.json）</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <source>Save session &amp;as…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Open &amp;weights (.safetensors)…</source>
        <translation>打开权重(&amp;W)（.safetensors）…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Colour map</source>
        <translation>配色(&amp;C)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Normal size</source>
        <translation>正常大小(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen, large type, only the live view and the step controls (F5; Esc leaves)</source>
        <translation>全屏、大字号，只显示实时视图和单步控制（F5；Esc 退出）</translation>
    </message>
    <message>
        <source>Leave presentation mode</source>
        <translation>退出演示模式</translation>
    </message>
    <message>
        <source>&amp;High contrast in presentation</source>
        <translation>演示时使用高对比度(&amp;H)</translation>
    </message>
    <message>
        <source>Pure black on white for projectors that wash colours out</source>
        <translation>白底纯黑，适合颜色发淡的投影仪</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Switch the interface and the lessons to %1</source>
        <translation>把界面和课程切换为%1</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Learn</source>
        <translation>学习(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Next lesson step</source>
        <translation>课程下一步(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous lesson step</source>
        <translation>课程上一步(&amp;P)</translation>
    </message>
    <message>
        <source>Next step of the lesson (Page Down, as a presenter&apos;s clicker sends)</source>
        <translation>课程的下一步（Page Down，与翻页笔发送的按键相同）</translation>
    </message>
    <message>
        <source>Previous step of the lesson (Page Up)</source>
        <translation>课程的上一步（Page Up）</translation>
    </message>
    <message>
        <source>&amp;Pin trace for comparison</source>
        <translation>固定计算记录以便对比(&amp;P)</translation>
    </message>
    <message>
        <source>Keep this trace aside; change something and the Compare view shows the difference</source>
        <translation>把这次计算记录留作对照；修改某处后，“对比”视图会显示差别</translation>
    </message>
    <message>
        <source>&amp;Clear pinned trace</source>
        <translation>取消固定的计算记录(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Attention Lab</source>
        <translation>关于 Attention Lab(&amp;A)</translation>
    </message>
    <message>
        <source>About Attention Lab</source>
        <translation>关于 Attention Lab</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Attention Lab %1&lt;/h3&gt;&lt;p&gt;Transformer attention, computed step by step, with the same numbers as PyTorch&apos;s nn.Transformer.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Attention Lab %1&lt;/h3&gt;&lt;p&gt;逐步计算 Transformer 注意力，数值与 PyTorch 的 nn.Transformer 完全一致。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Untitled session</source>
        <translation>未命名会话</translation>
    </message>
    <message>
        <source>%1[*] — Attention Lab</source>
        <translation>%1[*] — Attention Lab</translation>
    </message>
    <message>
        <source>⚠ Fix the highlighted input; showing the last good computation</source>
        <translation>⚠ 请修正高亮的输入；当前显示的是上一次有效的计算</translation>
    </message>
    <message numerus="yes">
        <source>%n stage(s) computed</source>
        <translation>
            <numerusform>已计算 %n 个阶段</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>   •   %n warning(s): hover for details</source>
        <translation>
            <numerusform>   •   %n 条警告：鼠标悬停查看详情</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>This session has changes that are not saved. Save them first?</source>
        <translation>这个会话有未保存的修改。先保存吗？</translation>
    </message>
    <message>
        <source>Cannot open session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <source>Cannot save session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Attention Lab sessions (*.json);;All files (*)</source>
        <translation>Attention Lab 会话 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Attention Lab sessions (*.json)</source>
        <translation>Attention Lab 会话 (*.json)</translation>
    </message>
    <message>
        <source>Open weights</source>
        <translation>打开权重</translation>
    </message>
    <message>
        <source>safetensors (*.safetensors);;All files (*)</source>
        <translation>safetensors (*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot use these weights</source>
        <translation>无法使用这些权重</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>&amp;Train a model…</source>
        <translation>训练模型(&amp;T)…</translation>
    </message>
    <message>
        <source>Open the Training panel: train a model on a built-in task and watch its attention form</source>
        <translation>打开训练面板：在内置任务上训练模型，观察注意力如何形成</translation>
    </message>
    <message>
        <source>&amp;Run or pause training</source>
        <translation>开始或暂停训练(&amp;R)</translation>
    </message>
    <message>
        <source>Start, resume or pause the run of the Training panel (Ctrl+R)</source>
        <translation>开始、继续或暂停训练面板中的训练（Ctrl+R）</translation>
    </message>
    <message>
        <source>Export &amp;model (safetensors + config)…</source>
        <translation>导出模型（safetensors + 配置）(&amp;M)…</translation>
    </message>
    <message>
        <source>Write the current model&apos;s config.json and model.safetensors into a folder, for trace, export, PyTorch or another session</source>
        <translation>把当前模型的 config.json 和 model.safetensors 写入一个文件夹，供 trace、export、PyTorch 或其他会话使用</translation>
    </message>
    <message>
        <source>Export the model into a folder</source>
        <translation>把模型导出到文件夹</translation>
    </message>
    <message>
        <source>Exported config.json and model.safetensors to %1</source>
        <translation>已将 config.json 和 model.safetensors 导出到 %1</translation>
    </message>
    <message>
        <source>Export model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Open &amp;model (GPT-2, BERT)…</source>
        <translation>打开模型（GPT-2、BERT）(&amp;M)…</translation>
    </message>
    <message>
        <source>Open a Hugging Face model folder: config.json, model.safetensors and the tokenizer files (you can also drop the folder on the window)</source>
        <translation>打开 Hugging Face 模型文件夹：config.json、model.safetensors 和分词器文件（也可以把文件夹拖到窗口上）</translation>
    </message>
    <message>
        <source>Open a Hugging Face model folder (config.json, model.safetensors, tokenizer files)</source>
        <translation>打开 Hugging Face 模型文件夹（config.json、model.safetensors、分词器文件）</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Cannot open the model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>Opening the model was cancelled</source>
        <translation>已取消打开模型</translation>
    </message>
    <message>
        <source>Open model %1</source>
        <translation>打开模型 %1</translation>
    </message>
    <message>
        <source>Opened %1: %2</source>
        <translation>已打开 %1：%2</translation>
    </message>
    <message>
        <source>out of memory: this model does not fit in this machine&apos;s memory</source>
        <translation>内存不足：这台机器的内存放不下这个模型</translation>
    </message>
    <message>
        <source>Keep the text you typed, “%1”, for %2, or start from the model&apos;s example?</source>
        <translation>在 %2 中保留你输入的文本“%1”，还是从模型的示例开始？</translation>
    </message>
    <message>
        <source>Keep my text</source>
        <translation>保留我的文本</translation>
    </message>
    <message>
        <source>Use the example</source>
        <translation>使用示例</translation>
    </message>
    <message>
        <source>&amp;Workspace</source>
        <translation>工作区(&amp;W)</translation>
    </message>
    <message>
        <source>&lt;table cellpadding=3&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;→&lt;/b&gt;&lt;/td&gt;&lt;td&gt;next stage&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;←&lt;/b&gt;&lt;/td&gt;&lt;td&gt;previous stage&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;↓&lt;/b&gt;&lt;/td&gt;&lt;td&gt;step into: next cell (softmax: next row)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;↑&lt;/b&gt;&lt;/td&gt;&lt;td&gt;step out&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space&lt;/b&gt;&lt;/td&gt;&lt;td&gt;play / pause&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1…9&lt;/b&gt;&lt;/td&gt;&lt;td&gt;head 1…9&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;V&lt;/b&gt;&lt;/td&gt;&lt;td&gt;values in cells&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Z / Ctrl+Shift+Z&lt;/b&gt;&lt;/td&gt;&lt;td&gt;undo / redo&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+ + / Ctrl+ −&lt;/b&gt;&lt;/td&gt;&lt;td&gt;zoom&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Page Down / Page Up&lt;/b&gt;&lt;/td&gt;&lt;td&gt;next / previous lesson step&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+P&lt;/b&gt;&lt;/td&gt;&lt;td&gt;pin the trace for comparison&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+1…4&lt;/b&gt;&lt;/td&gt;&lt;td&gt;workspaces: Learn, Explore, Train, Model&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;presentation mode (Esc leaves)&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table cellpadding=3&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;→&lt;/b&gt;&lt;/td&gt;&lt;td&gt;下一个阶段&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;←&lt;/b&gt;&lt;/td&gt;&lt;td&gt;上一个阶段&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;↓&lt;/b&gt;&lt;/td&gt;&lt;td&gt;进入：下一个格子（softmax：下一行）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;↑&lt;/b&gt;&lt;/td&gt;&lt;td&gt;退出逐格&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;空格&lt;/b&gt;&lt;/td&gt;&lt;td&gt;播放 / 暂停&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1…9&lt;/b&gt;&lt;/td&gt;&lt;td&gt;头 1…9&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;V&lt;/b&gt;&lt;/td&gt;&lt;td&gt;格内数值&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Z / Ctrl+Shift+Z&lt;/b&gt;&lt;/td&gt;&lt;td&gt;撤销 / 重做&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+ + / Ctrl+ −&lt;/b&gt;&lt;/td&gt;&lt;td&gt;缩放&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Page Down / Page Up&lt;/b&gt;&lt;/td&gt;&lt;td&gt;课程下一步 / 上一步&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+P&lt;/b&gt;&lt;/td&gt;&lt;td&gt;固定计算记录以便对比&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+1…4&lt;/b&gt;&lt;/td&gt;&lt;td&gt;工作区：学习、探索、训练、模型&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;演示模式（Esc 退出）&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>Online softmax</source>
        <translation>在线 softmax</translation>
    </message>
    <message>
        <source>Logit lens</source>
        <translation>logit 透镜</translation>
    </message>
    <message>
        <source>Logit attribution</source>
        <translation>logit 归因</translation>
    </message>
</context>
<context>
    <name>attn::ui::MatrixTableModel</name>
    <message>
        <source>“%1” is not a finite number; the value is unchanged</source>
        <translation>“%1”不是有限的数；数值保持不变</translation>
    </message>
</context>
<context>
    <name>attn::ui::MistakesView</name>
    <message>
        <source>Forgetting the 1/√d_k scale</source>
        <translation>忘记乘 1/√d_k</translation>
    </message>
    <message>
        <source>Softmax over the wrong axis</source>
        <translation>在错误的维度上做 softmax</translation>
    </message>
    <message>
        <source>Mixing heads when reshaping</source>
        <translation>改变视图（reshape）时混淆了各头</translation>
    </message>
    <message>
        <source>Adding the mask after the softmax</source>
        <translation>在 softmax 之后加掩码</translation>
    </message>
    <message>
        <source>A bug people often write; its weights are computed on the same input as the trace</source>
        <translation>一个常见的错误写法；它的权重在与当前计算相同的输入上算出</translation>
    </message>
    <message>
        <source>The weights the model really computes</source>
        <translation>模型实际算出的权重</translation>
    </message>
    <message>
        <source>What the buggy code computes from the same queries, keys and mask</source>
        <translation>错误代码用相同的查询、键和掩码算出的结果</translation>
    </message>
    <message>
        <source>%1, head %2</source>
        <translation>%1，头 %2</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>correct: softmax(Q·Kᵀ/√d_k + mask) along each row</source>
        <translation>正确：沿每一行做 softmax(Q·Kᵀ/√d_k + mask)</translation>
    </message>
    <message>
        <source>mistake: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Without dividing by √d_k = %1 the scores spread %1 times wider, so the softmax saturates: the largest weight is %2 instead of %3. With larger heads this gets worse and gradients vanish.</source>
        <translation>不除以 √d_k = %1，分数的幅度扩大 %1 倍，softmax 饱和：最大权重是 %2 而不是 %3。头越大越严重，梯度会消失。</translation>
    </message>
    <message>
        <source>Normalising down the columns makes each key&apos;s column sum to 1, not each query&apos;s row: row sums are %1 instead of 1. A query no longer gets a probability distribution over the keys.</source>
        <translation>沿列归一化使每个键的那一列和为 1，而不是每个查询的那一行：各行之和为 %1 而不是 1。查询在键上不再得到一个概率分布。</translation>
    </message>
    <message>
        <source>Reshaping (T, D) straight to (H, T, d_k) without the transpose gives this head a run of %1 numbers that mixes several tokens and heads. The shapes fit, so no error is raised: only the numbers are wrong.</source>
        <translation>不经转置直接把 (T, D) 改变视图为 (H, T, d_k)，这个头得到的是一段 %1 个连续的数，混杂了多个词元和多个头。形状是对的，所以不会报错：只是数值错了。</translation>
    </message>
    <message>
        <source>Hidden keys still took part in the softmax, then were zeroed: row sums are %1 instead of 1, and what a query sees depended on keys it must not see.</source>
        <translation>被遮住的键仍参与了 softmax，之后才被置零：各行之和为 %1 而不是 1，而且查询看到的内容依赖于它不应看到的键。</translation>
    </message>
    <message>
        <source>This mistake cannot be computed here: %1</source>
        <translation>这里无法计算这个错误：%1</translation>
    </message>
    <message>
        <source>The score must compare a query with a key, q_i·k_j / √d_k. Adding v_i·k_j mixes in what token i &lt;i&gt;passes on&lt;/i&gt;, and scaling only that term leaves q·k unscaled: the largest weight is %1 instead of %2.</source>
        <translation>分数应当比较查询和键，q_i·k_j / √d_k。加上 v_i·k_j 就混进了词元 i &lt;i&gt;要传递的内容&lt;/i&gt;，而只缩放这一项又让 q·k 没有被缩放：最大权重是 %1 而不是 %2。</translation>
    </message>
    <message>
        <source>Heads run side by side on the same input, each with its own column block of W_Q and W_K. Projecting the previous queries and keys again computes a different pattern (largest weight %1 instead of %2), and attention has no “backward” direction: the mask alone decides what a query may see.</source>
        <translation>各头在同一个输入上并排计算，各用 W_Q 和 W_K 中自己的一块列。把前一次的查询和键再投影一遍，算出的是另一种图案（最大权重 %1 而不是 %2）；注意力也没有“反向”之说：一个查询能看到什么只由掩码决定。</translation>
    </message>
    <message>
        <source>With K computed from Q and V from K there is no Q·Kᵀ and no softmax: each token&apos;s output depends on that token alone, as if every weight sat on the diagonal. Nothing moves between tokens.</source>
        <translation>由 Q 算出 K、再由 K 算出 V，就既没有 Q·Kᵀ 也没有 softmax：每个词元的输出只取决于它自己，仿佛所有权重都在对角线上。词元之间没有任何信息流动。</translation>
    </message>
    <message>
        <source>Multiplying q_i by k_i feature by feature pairs target token i with source token i only, as if the two sentences were aligned word for word. Cross-attention scores every target token against every source token (rows sum to %1), so 猫 can find cats wherever they are.</source>
        <translation>把 q_i 和 k_i 逐个特征相乘，只能让目标词元 i 与源词元 i 配对，仿佛两个句子逐词元对齐。交叉注意力让每个目标词元对每个源词元打分（每行之和为 %1），所以“猫”无论在哪里都能找到 cats。</translation>
    </message>
    <message>
        <source>A value term in the score</source>
        <translation>分数里混进了值</translation>
    </message>
    <message>
        <source>Heads chained one after another</source>
        <translation>把各头串起来</translation>
    </message>
    <message>
        <source>Q → K → V chained, no QKᵀ</source>
        <translation>Q → K → V 串联，没有 QKᵀ</translation>
    </message>
    <message>
        <source>Element-wise “cross-attention”</source>
        <translation>逐元素相乘的“交叉注意力”</translation>
    </message>
    <message>
        <source>%1 (source article %2)</source>
        <translation>%1（源文章 %2）</translation>
    </message>
</context>
<context>
    <name>attn::ui::OnlineSoftmaxView</name>
    <message>
        <source>&amp;Next tile ▶</source>
        <translation>下一块(&amp;N) ▶</translation>
    </message>
    <message>
        <source>&amp;All tiles</source>
        <translation>全部块(&amp;A)</translation>
    </message>
    <message>
        <source>The query row whose softmax is computed tile by tile</source>
        <translation>逐块计算 softmax 的那一个查询行</translation>
    </message>
    <message>
        <source>Keys read at a time (FlashAttention reads 64 or 128 per tile on a GPU)</source>
        <translation>每次读入的键数（FlashAttention 在 GPU 上每块读 64 或 128 个）</translation>
    </message>
    <message>
        <source>Read the next tile of keys and values: update m, rescale ℓ and o, add the tile</source>
        <translation>读入下一块键和值：更新 m，缩放 ℓ 和 o，再加上这一块</translation>
    </message>
    <message>
        <source>Go back one tile</source>
        <translation>退回一块</translation>
    </message>
    <message>
        <source>Read every tile and compare with the full softmax</source>
        <translation>读完所有块，并与完整的 softmax 比较</translation>
    </message>
    <message>
        <source>score s_j</source>
        <translation>分数 s_j</translation>
    </message>
    <message>
        <source>e^(s_j − m)</source>
        <translation>e^(s_j − m)</translation>
    </message>
    <message>
        <source>The row&apos;s scaled, masked scores; keys already read are shaded, the tile just read is yellow; e^(s_j − m) uses the m of the key&apos;s own tile</source>
        <translation>这一行缩放并加掩码后的分数；已读的键有底色，刚读的一块为黄色；e^(s_j − m) 用的是该键所在块的 m</translation>
    </message>
    <message>
        <source>keys</source>
        <translation>键</translation>
    </message>
    <message>
        <source>tile max</source>
        <translation>块内最大值</translation>
    </message>
    <message>
        <source>m</source>
        <translation>m</translation>
    </message>
    <message>
        <source>ℓ</source>
        <translation>ℓ</translation>
    </message>
    <message>
        <source>o (first features)</source>
        <translation>o（前几个特征）</translation>
    </message>
    <message>
        <source>What is kept after each tile: the running max m, the running sum ℓ and the output o, multiplied by e^(m_old − m) when a tile brings a larger score</source>
        <translation>每块之后保留的量：当前最大值 m、当前总和 ℓ 和输出 o；某一块带来更大的分数时，它们都乘以 e^(m_old − m)</translation>
    </message>
    <message>
        <source>Query row</source>
        <translation>查询行</translation>
    </message>
    <message>
        <source>Tile size</source>
        <translation>块大小</translation>
    </message>
    <message>
        <source>%1, head %2 (K/V head %3), query row %4: %5 keys, d_v = %6</source>
        <translation>%1，头 %2（K/V 头 %3），查询行 %4：%5 个键，d_v = %6</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>— (first tile)</source>
        <translation>—（第一块）</translation>
    </message>
    <message>
        <source>Kept for this row: m, ℓ and o, %1 floats, however many keys there are; the full softmax holds the row&apos;s %2 weights. The arithmetic is the same %2 exponentials and multiply-adds with V, plus one rescale of ℓ and o per tile: FlashAttention saves memory, not arithmetic.</source>
        <translation>这一行保留的是 m、ℓ 和 o，共 %1 个浮点数，不管有多少个键；完整的 softmax 要存下这一行的 %2 个权重。运算量一样：%2 次指数运算和与 V 的乘加，每块再多一次对 ℓ 和 o 的缩放。FlashAttention 省下的是内存，不是运算。</translation>
    </message>
    <message>
        <source>With %1 of %2 tiles read, o / ℓ = %3: the attention over the keys read so far. The next tile may bring a larger score, and then everything kept is multiplied by e^(m_old − m_new).</source>
        <translation>已读 %1 块（共 %2 块），o / ℓ = %3：这是对目前已读键的注意力。下一块可能带来更大的分数，那时保留的一切都要乘以 e^(m_old − m_new)。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Done.&lt;/b&gt; o / ℓ = %1; the full softmax·V of the trace = %2. Largest difference: %3 (float32 rounding of a different order of additions; the tests allow 10⁻⁶).</source>
        <translation>&lt;b&gt;完成。&lt;/b&gt;o / ℓ = %1；计算记录中完整的 softmax·V = %2。最大差值：%3（换一种相加顺序带来的 float32 舍入误差；测试允许 10⁻⁶）。</translation>
    </message>
    <message>
        <source>◀ &amp;Back</source>
        <translation>◀ 退回(&amp;B)</translation>
    </message>
    <message>
        <source>rescale
e^(m_old − m)</source>
        <translation>缩放
e^(m_old − m)</translation>
    </message>
</context>
<context>
    <name>attn::ui::PipelineStrip</name>
    <message>
        <source>Which part of the model the strip shows: embeddings, a layer, or the output</source>
        <translation>流程条显示模型的哪一部分：嵌入、某一层或输出</translation>
    </message>
    <message>
        <source>Which attention head the heatmap shows (Ctrl+1 … Ctrl+9)</source>
        <translation>热力图显示哪个注意力头（Ctrl+1 … Ctrl+9）</translation>
    </message>
    <message>
        <source>Play speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>Part:</source>
        <translation>部分：</translation>
    </message>
    <message>
        <source>Head:</source>
        <translation>头：</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>头 %1</translation>
    </message>
</context>
<context>
    <name>attn::ui::PositionalPanel</name>
    <message>
        <source>Sinusoidal (base 10000)</source>
        <translation>正弦（底数 10000）</translation>
    </message>
    <message>
        <source>Sinusoidal, base 2</source>
        <translation>正弦，底数 2</translation>
    </message>
    <message>
        <source>Learned</source>
        <translation>可学习</translation>
    </message>
    <message>
        <source>RoPE (rotary)</source>
        <translation>RoPE（旋转）</translation>
    </message>
    <message>
        <source>ALiBi (linear bias)</source>
        <translation>ALiBi（线性偏置）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Switch the model&apos;s positional encoding and watch the attention change (undoable)</source>
        <translation>切换模型的位置编码，观察注意力的变化（可撤销）</translation>
    </message>
    <message>
        <source>A few columns of the table plotted against position</source>
        <translation>表中几列随位置变化的曲线</translation>
    </message>
    <message>
        <source>position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Positional encoding: %1</source>
        <translation>位置编码：%1</translation>
    </message>
    <message>
        <source>column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>position i</source>
        <translation>位置 i</translation>
    </message>
    <message>
        <source>position j</source>
        <translation>位置 j</translation>
    </message>
    <message>
        <source>column %1</source>
        <translation>列 %1</translation>
    </message>
    <message>
        <source>head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>Binary: sin, cos of p / 2^j</source>
        <translation>二进制：p / 2^j 的 sin、cos</translation>
    </message>
</context>
<context>
    <name>attn::ui::PredictionsPanel</name>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>The [MASK] whose candidates are listed</source>
        <translation>列出哪个 [MASK] 的候选</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Click a token to use it: GPT-2 appends it to the text, BERT puts it in place of the [MASK]. Arrow keys move through the list and the Explain panel shows how each probability comes from its logit; Enter uses the token.</source>
        <translation>单击一个词元即可使用它：GPT-2 把它接在文本后面，BERT 用它替换 [MASK]。用方向键在列表中移动，“解释”面板会说明每个概率如何由它的 logit 算出；按 Enter 使用该词元。</translation>
    </message>
    <message>
        <source>How many tokens to add, one at a time</source>
        <translation>要逐个添加多少个词元</translation>
    </message>
    <message>
        <source>0: always the most probable token (greedy). Above 0: sample from softmax(logits / T); higher is more surprising</source>
        <translation>0：总是取概率最高的词元（贪心）。大于 0：从 softmax(logits / T) 中抽样；越高越出人意料</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>With a temperature: sample among the k most probable tokens only (all: every token)</source>
        <translation>有温度时：只在概率最高的 k 个词元中抽样（全部：所有词元）</translation>
    </message>
    <message>
        <source>With a temperature: the same seed gives the same text</source>
        <translation>有温度时：相同的种子得到相同的文本</translation>
    </message>
    <message>
        <source>Add tokens one at a time: each computes only its own row against the KV cache of the tokens before it (the k_cache and v_cache stages)</source>
        <translation>逐个添加词元：每个新词元只计算自己这一行，与之前词元的 KV 缓存（k_cache 和 v_cache 阶段）相乘</translation>
    </message>
    <message>
        <source>Tokens:</source>
        <translation>词元数：</translation>
    </message>
    <message>
        <source>Temperature:</source>
        <translation>温度：</translation>
    </message>
    <message>
        <source>Top-k:</source>
        <translation>Top-k：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <source>Type [MASK] where BERT should guess a word, e.g. “the cat [MASK] on the mat”.</source>
        <translation>在希望 BERT 填空的位置输入 [MASK]，例如“我爱机器[MASK]习”。</translation>
    </message>
    <message>
        <source>[MASK] at position %1</source>
        <translation>位置 %1 的 [MASK]</translation>
    </message>
    <message>
        <source>BERT&apos;s guesses for the [MASK] at position %1:</source>
        <translation>BERT 对位置 %1 的 [MASK] 的猜测：</translation>
    </message>
    <message>
        <source>id %1, logit %2</source>
        <translation>编号 %1，logit %2</translation>
    </message>
    <message>
        <source>Probabilities are the softmax of the logits over all %1 tokens of the vocabulary.</source>
        <translation>概率是 logits 在词表全部 %1 个词元上的 softmax。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Use a prediction</source>
        <translation>采用一个预测</translation>
    </message>
    <message>
        <source>Open a GPT-2 or BERT model (File › Open model…) or a trained example to see what it predicts.</source>
        <translation>打开一个 GPT-2 或 BERT 模型（文件 › 打开模型…）或一个已训练的示例，看它预测什么。</translation>
    </message>
    <message>
        <source>The next character after “%1”:</source>
        <translation>“%1”之后的下一个字符：</translation>
    </message>
    <message>
        <source>The next token after “%1”:</source>
        <translation>“%1”之后的下一个词元：</translation>
    </message>
    <message>
        <source>Generated: %1</source>
        <translation>生成结果：%1</translation>
    </message>
    <message>
        <source>Every head on</source>
        <translation>所有头都在时</translation>
    </message>
    <message>
        <source>With heads knocked out (Heads view, right click): the probability the model gives this token with every head working</source>
        <translation>有头被消融时（“多头”视图中右键）：所有头都正常工作时模型给这个词元的概率</translation>
    </message>
    <message>
        <source>(heads %1 knocked out)</source>
        <translation>（已消融头 %1）</translation>
    </message>
    <message>
        <source>%1 % with every head working; %2 % with the knocked-out heads removed</source>
        <translation>所有头都工作时为 %1 %；去掉被消融的头后为 %2 %</translation>
    </message>
</context>
<context>
    <name>attn::ui::SessionController</name>
    <message>
        <source>Edit text</source>
        <translation>编辑文本</translation>
    </message>
    <message>
        <source>Edit target text</source>
        <translation>编辑目标文本</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑 %1</translation>
    </message>
    <message>
        <source>Edit the embedding of “%1”</source>
        <translation>编辑“%1”的词嵌入</translation>
    </message>
    <message>
        <source>Open weights %1</source>
        <translation>打开权重 %1</translation>
    </message>
    <message>
        <source>Use the chat template</source>
        <translation>使用对话模板</translation>
    </message>
    <message>
        <source>Use the plain text</source>
        <translation>使用原文</translation>
    </message>
    <message>
        <source>the new model</source>
        <translation>新模型</translation>
    </message>
    <message>
        <source>Knock out head %1.%2</source>
        <translation>消融头 %1.%2</translation>
    </message>
    <message>
        <source>Restore head %1.%2</source>
        <translation>恢复头 %1.%2</translation>
    </message>
    <message>
        <source>Knocked-out heads pass on their mean</source>
        <translation>被消融的头传出平均值</translation>
    </message>
    <message>
        <source>Knocked-out heads pass on zeros</source>
        <translation>被消融的头传出零</translation>
    </message>
    <message>
        <source>Restore every head</source>
        <translation>恢复所有头</translation>
    </message>
</context>
<context>
    <name>attn::ui::StageView</name>
    <message>
        <source>Hover a cell to see how its number was computed; click to pin it. Embedding cells can be edited with a double-click.</source>
        <translation>把鼠标移到格子上，看它的数是怎样算出来的；单击可固定。词嵌入的格子可以双击编辑。</translation>
    </message>
    <message>
        <source>%1    shape %2</source>
        <translation>%1    形状 %2</translation>
    </message>
    <message>
        <source>operand: %1%2</source>
        <translation>操作数：%1%2</translation>
    </message>
    <message>
        <source> (head %1)</source>
        <translation>（头 %1）</translation>
    </message>
    <message>
        <source>Find token (Ctrl+F)</source>
        <translation>查找词元（Ctrl+F）</translation>
    </message>
    <message>
        <source>Type part of a token and press Enter: the heatmap zooms onto its row; Enter again finds the next</source>
        <translation>输入词元的一部分并按 Enter：热力图会放大到它所在的行；再按 Enter 查找下一个</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 / %2 个</translation>
    </message>
    <message>
        <source>Stage %1: the name the command line, exports and saved sessions use</source>
        <translation>阶段 %1：命令行、导出和保存的会话都用这个名字</translation>
    </message>
</context>
<context>
    <name>attn::ui::TrainingController</name>
    <message>
        <source>Training diverged at step %1: the loss was not a finite number. The weights of step %2 are kept; try a smaller learning rate.</source>
        <translation>训练在第 %1 步发散：损失不再是有限的数。已保留第 %2 步的权重；请尝试更小的学习率。</translation>
    </message>
</context>
<context>
    <name>attn::ui::TrainingPanel</name>
    <message>
        <source>Copy 8 digits</source>
        <translation>复制 8 个数字</translation>
    </message>
    <message>
        <source>Reverse 8 digits</source>
        <translation>倒序 8 个数字</translation>
    </message>
    <message>
        <source>Sort 8 digits</source>
        <translation>排序 8 个数字</translation>
    </message>
    <message>
        <source>Induction: continue a repeated string</source>
        <translation>归纳：续写重复的字符串</translation>
    </message>
    <message>
        <source>Translate English → 中文</source>
        <translation>翻译：英文 → 中文</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>One &amp;step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;New run</source>
        <translation>重新训练(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Use this model</source>
        <translation>使用此模型(&amp;U)</translation>
    </message>
    <message>
        <source>small (d_model 32, 2 heads)</source>
        <translation>小（d_model 32，2 个头）</translation>
    </message>
    <message>
        <source>larger (d_model 64, 4 heads)</source>
        <translation>较大（d_model 64，4 个头）</translation>
    </message>
    <message>
        <source>The larger model learns with more capacity but each step takes longer</source>
        <translation>较大的模型容量更大，但每一步更慢</translation>
    </message>
    <message>
        <source>How far each optimizer step moves the weights (e.g. 0.003); too large and training diverges</source>
        <translation>每个优化步移动权重的幅度（例如 0.003）；太大会使训练发散</translation>
    </message>
    <message>
        <source>Examples per optimizer step: their gradients are averaged</source>
        <translation>每个优化步使用的样例数：对它们的梯度取平均</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation>带动量的 SGD</translation>
    </message>
    <message>
        <source>AdamW and SGD with exactly torch.optim&apos;s update rules</source>
        <translation>AdamW 和 SGD，更新规则与 torch.optim 完全相同</translation>
    </message>
    <message>
        <source>How many optimizer steps the run takes</source>
        <translation>这次训练要走多少个优化步</translation>
    </message>
    <message>
        <source>The order of the training examples: the same seed gives the same run</source>
        <translation>训练样例的顺序：相同的种子得到相同的训练过程</translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation>任务(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>学习率(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>批大小(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Optimizer:</source>
        <translation>优化器(&amp;O)：</translation>
    </message>
    <message>
        <source>S&amp;teps:</source>
        <translation>步数(&amp;T)：</translation>
    </message>
    <message>
        <source>See&amp;d:</source>
        <translation>种子(&amp;D)：</translation>
    </message>
    <message>
        <source>Train until the planned steps are done, or pause (the weights learned so far are kept)</source>
        <translation>一直训练到计划的步数，或暂停（已学到的权重会保留）</translation>
    </message>
    <message>
        <source>Take exactly one optimizer step and show it</source>
        <translation>只走一个优化步并显示结果</translation>
    </message>
    <message>
        <source>Start a new run from freshly initialised weights with the settings above</source>
        <translation>用上面的设置、从重新初始化的权重开始新的训练</translation>
    </message>
    <message>
        <source>Open the model of the chosen snapshot in the main view, with the probe input (undoable)</source>
        <translation>在主视图中打开所选快照的模型和探测输入（可撤销）</translation>
    </message>
    <message>
        <source>Steps done of the planned steps</source>
        <translation>已完成的步数 / 计划步数</translation>
    </message>
    <message>
        <source>Training loss (blue, left axis, log scale) and held-out exact-sequence accuracy (orange, right axis)</source>
        <translation>训练损失（蓝色，左轴，对数刻度）和留出集整句准确率（橙色，右轴）</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>held-out accuracy</source>
        <translation>留出集准确率</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Snapshots taken while training: drag back to watch the attention pattern form</source>
        <translation>训练中保存的快照：向回拖动，观察注意力模式如何形成</translation>
    </message>
    <message>
        <source>Use the %1 model of step %2</source>
        <translation>使用第 %2 步的 %1 模型</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>开始(&amp;R)</translation>
    </message>
    <message>
        <source>%1 / %2 steps</source>
        <translation>%1 / %2 步</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>还剩 %1</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>Snapshot at step %1 of %2 · held-out accuracy %3%</source>
        <translation>第 %1 / %2 步的快照 · 留出集准确率 %3%</translation>
    </message>
    <message>
        <source>Attention of the probe “%1” (head 0 of %2)</source>
        <translation>探测输入“%1”的注意力（%2 的头 0）</translation>
    </message>
    <message>
        <source>Text: Shakespeare, one character at a time</source>
        <translation>文本：莎士比亚，逐字符</translation>
    </message>
    <message>
        <source>Text: 唐诗 Tang poems, one character at a time</source>
        <translation>文本：唐诗，逐字</translation>
    </message>
    <message>
        <source>What the model learns; the examples are generated by the app or read from the public-domain texts it ships (Shakespeare&apos;s plays, Tang poems), nothing is downloaded</source>
        <translation>模型要学什么；样例由应用自己生成，或取自它自带的公有领域文本（莎士比亚剧本、唐诗），不下载任何东西</translation>
    </message>
    <message>
        <source>What the model writes at this snapshot, from the first characters of the held-out text (temperature 0.8, seed 1)</source>
        <translation>这个快照的模型从留出文本的开头几个字符接着写出的内容（温度 0.8，种子 1）</translation>
    </message>
    <message>
        <source>previous-token score</source>
        <translation>前一词元分数</translation>
    </message>
    <message>
        <source>induction score</source>
        <translation>归纳分数</translation>
    </message>
    <message>
        <source>small (2 layers, d_model 64, 4 heads)</source>
        <translation>小（2 层，d_model 64，4 个头）</translation>
    </message>
    <message>
        <source>larger (4 layers, d_model 128, 4 heads: the shipped model&apos;s shape)</source>
        <translation>较大（4 层，d_model 128，4 个头：与自带模型相同）</translation>
    </message>
    <message>
        <source>bits per character</source>
        <translation>每字符比特数</translation>
    </message>
    <message>
        <source>accuracy, head scores</source>
        <translation>准确率、头分数</translation>
    </message>
    <message>
        <source>Training loss in bits per character (blue, left axis, log scale); on the right axis the held-out next-character accuracy (orange), the best previous-token score (green) and the best induction score (red) of any head: an induction head forming shows as the red line rising</source>
        <translation>训练损失，单位为每字符比特数（蓝色，左轴，对数刻度）；右轴是留出集下一字符准确率（橙色）、所有头中最高的前一词元分数（绿色）和最高的归纳分数（红色）：归纳头形成时，红线会升起来</translation>
    </message>
    <message>
        <source>Snapshot at step %1 of %2 · held-out %3 bits per character · next character right %4% · best previous-token head %5 (%6) · best induction head %7 (%8)</source>
        <translation>第 %1 / %2 步的快照 · 留出集每字符 %3 比特 · 下一字符猜对 %4% · 最强的前一词元头 %5（%6） · 最强的归纳头 %7（%8）</translation>
    </message>
    <message>
        <source>It writes: %1</source>
        <translation>它写道：%1</translation>
    </message>
</context>
<context>
    <name>attn::ui::WeightsEditor</name>
    <message>
        <source>Which numbers to edit: token embeddings or a weight tensor (PyTorch state_dict name)</source>
        <translation>要编辑哪些数：词嵌入或某个权重张量（PyTorch state_dict 名称）</translation>
    </message>
    <message>
        <source>Double-click a number to change it; Ctrl+Z undoes</source>
        <translation>双击一个数来修改它；Ctrl+Z 撤销</translation>
    </message>
    <message>
        <source>Token embeddings (source)</source>
        <translation>词嵌入（源）</translation>
    </message>
    <message>
        <source>Token embeddings (target)</source>
        <translation>词嵌入（目标）</translation>
    </message>
    <message>
        <source>%1 has %2 numbers: too many to edit in a table</source>
        <translation>%1 有 %2 个数：太多，无法在表格中编辑</translation>
    </message>
    <message>
        <source>The numbers of the opened model, as its checkpoint holds them (read-only)</source>
        <translation>已打开模型的数值，与其检查点中保存的一致（只读）</translation>
    </message>
</context>
<context>
    <name>attn::ui::Workspaces</name>
    <message>
        <source>Learn</source>
        <translation>学习</translation>
    </message>
    <message>
        <source>Explore</source>
        <translation>探索</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Lessons, with Explain, the heads, the Mistakes view and the cost beside them</source>
        <translation>课程，旁边是“解释”、多头、“常见错误”视图和计算量</translation>
    </message>
    <message>
        <source>Explain any cell, all heads at once, the lines view and the comparison with a pinned trace</source>
        <translation>解释任意格子，同时查看所有头、连线视图，以及与固定的计算记录对比</translation>
    </message>
    <message>
        <source>Training, with the loss curve on the whole right-hand side</source>
        <translation>训练：损失曲线占据整个右侧</translation>
    </message>
    <message>
        <source>The model&apos;s settings, its weights and its positional encodings</source>
        <translation>模型的设置、权重和位置编码</translation>
    </message>
</context>
</TS>
