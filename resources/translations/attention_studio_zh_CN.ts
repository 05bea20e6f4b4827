<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ExplanationReport</name>
    <message>
        <source>Agreement with the attention</source>
        <translation>与注意力的一致程度</translation>
    </message>
    <message>
        <source>No attention row to compare with.</source>
        <translation>没有可比较的注意力行。</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Kendall τ</source>
        <translation>Kendall τ</translation>
    </message>
    <message>
        <source>top-%1 overlap</source>
        <translation>前 %1 重合度</translation>
    </message>
    <message>
        <source>τ near 1: the method orders the steps as the attention does; near 0: no relation; below 0: the opposite order. The overlap is the share of the %1 most attended steps that are also among the method&apos;s %1 strongest.</source>
        <translation>τ 接近 1：该方法对各步的排序与注意力相同；接近 0：没有关系；小于 0：顺序相反。重合度是注意力最高的 %1 步中，同样位于该方法最强 %1 步之内的比例。</translation>
    </message>
    <message>
        <source>Faithfulness (ERASER)</source>
        <translation>忠实度（ERASER）</translation>
    </message>
    <message>
        <source>Not measured.</source>
        <translation>未测量。</translation>
    </message>
    <message>
        <source>top steps by</source>
        <translation>前几步依据</translation>
    </message>
    <message>
        <source>comprehensiveness</source>
        <translation>全面性</translation>
    </message>
    <message>
        <source>sufficiency</source>
        <translation>充分性</translation>
    </message>
    <message>
        <source>Averaged over k = 1…%1 (AOPC). Comprehensiveness: how far the score falls when a ranking&apos;s top k steps are removed — higher means it found steps the model uses. Sufficiency: how far it falls when only those steps are kept — lower means they suffice. Read both against random steps (mean ± spread).</source>
        <translation>对 k = 1…%1 取平均（AOPC）。全面性：去掉某种排序的前 k 步后分数下降多少——越高说明它找到了模型真正使用的步。充分性：只保留这些步时分数下降多少——越低说明它们已足够。两者都要与随机步（均值 ± 离散度）对照来读。</translation>
    </message>
    <message>
        <source>Interventions on the attention</source>
        <translation>对注意力的干预</translation>
    </message>
    <message>
        <source>Not possible for this model: %1.</source>
        <translation>此模型无法进行：%1。</translation>
    </message>
    <message>
        <source>attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>as computed</source>
        <translation>原样计算</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>均匀</translation>
    </message>
    <message>
        <source>permuted (%1 draws)</source>
        <translation>打乱（%1 次抽取）</translation>
    </message>
    <message>
        <source>top step zeroed</source>
        <translation>最高步置零</translation>
    </message>
    <message>
        <source>The hidden states stay as they are; only the weights change. If uniform or shuffled weights barely move the score, the prediction does not depend on where the attention points (Jain &amp; Wallace 2019; Wiegreffe &amp; Pinter 2019).</source>
        <translation>隐藏状态保持不变，只改变权重。如果均匀或打乱的权重几乎不改变分数，说明预测并不取决于注意力指向哪里（Jain &amp; Wallace 2019；Wiegreffe &amp; Pinter 2019）。</translation>
    </message>
    <message>
        <source>Integrated gradients&apos; completeness</source>
        <translation>积分梯度的完备性</translation>
    </message>
    <message>
        <source>sum %1, expected %2, error %3</source>
        <translation>总和 %1，期望 %2，误差 %3</translation>
    </message>
    <message>
        <source>The attributions should add up to score(input) − score(baseline); a large error means the path needs more steps.</source>
        <translation>各归因之和应等于 score(输入) − score(基线)；误差大说明路径需要更多步。</translation>
    </message>
    <message>
        <source>Attention α</source>
        <translation>注意力 α</translation>
    </message>
    <message>
        <source>α·‖h‖</source>
        <translation>α·‖h‖</translation>
    </message>
    <message>
        <source>Gradient ‖∂s/∂e‖</source>
        <translation>梯度 ‖∂s/∂e‖</translation>
    </message>
    <message>
        <source>Gradient × input</source>
        <translation>梯度 × 输入</translation>
    </message>
    <message>
        <source>Occlusion</source>
        <translation>遮挡</translation>
    </message>
    <message>
        <source>Integrated gradients</source>
        <translation>积分梯度</translation>
    </message>
    <message>
        <source>random steps</source>
        <translation>随机步</translation>
    </message>
    <message>
        <source>Explained: the raw output of the predicted class %1, %2.</source>
        <translation>解释对象：预测类别 %1 的原始输出，%2。</translation>
    </message>
    <message>
        <source>Explained: the model&apos;s output, %1.</source>
        <translation>解释对象：模型的输出，%1。</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>another input&apos;s</source>
        <translation>另一输入的</translation>
    </message>
    <message>
        <source>Attention from another input: not possible here: %1.</source>
        <translation>来自另一输入的注意力：此处无法进行：%1。</translation>
    </message>
    <message>
        <source>The other input&apos;s steps: %1</source>
        <translation>另一输入的各步：%1</translation>
    </message>
    <message>
        <source>Another input&apos;s: this input&apos;s hidden states weighed by the other input&apos;s attention, step by step. A small change means that, for this input, the other input&apos;s weights do as well as its own; a large one, that its own weights carry part of its prediction.</source>
        <translation>另一输入的：用另一输入的注意力逐步加权本输入的隐藏状态。变化小，说明对本输入而言，另一输入的权重与其自身的权重效果相当；变化大，说明其自身的权重承载了部分预测。</translation>
    </message>
    <message>
        <source>Gradient ∂s/∂x per feature</source>
        <translation>各特征的梯度 ∂s/∂x</translation>
    </message>
    <message>
        <source>Gradient × input per feature</source>
        <translation>各特征的梯度 × 输入</translation>
    </message>
    <message>
        <source>Occlusion per feature</source>
        <translation>各特征的遮挡</translation>
    </message>
    <message>
        <source>Integrated gradients per feature</source>
        <translation>各特征的积分梯度</translation>
    </message>
</context>
<context>
    <name>HeadTerms</name>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>%1 + %2 = %3</source>
        <translation>%1 + %2 = %3</translation>
    </message>
    <message>
        <source>The model&apos;s output, as it is</source>
        <translation>模型的原始输出</translation>
    </message>
    <message>
        <source>σ(%1) = 1 / (1 + exp(−%1))</source>
        <translation>σ(%1) = 1 / (1 + exp(−%1))</translation>
    </message>
    <message>
        <source>exp(z) / Σ exp over the %1 outputs</source>
        <translation>exp(z) / 对 %1 个输出的 Σ exp</translation>
    </message>
    <message>
        <source>Prediction: &lt;b&gt;%1&lt;/b&gt; (p = %2 ≥ 0.5)</source>
        <translation>预测：&lt;b&gt;%1&lt;/b&gt;（p = %2 ≥ 0.5）</translation>
    </message>
    <message>
        <source>Prediction: &lt;b&gt;%1&lt;/b&gt; (p = %2 &lt; 0.5, so 1 − p = %3 for %1)</source>
        <translation>预测：&lt;b&gt;%1&lt;/b&gt;（p = %2 &lt; 0.5，所以 %1 的概率为 1 − p = %3）</translation>
    </message>
    <message>
        <source>Prediction: &lt;b&gt;%1&lt;/b&gt;, the output with the largest z</source>
        <translation>预测：&lt;b&gt;%1&lt;/b&gt;，即 z 最大的那个输出</translation>
    </message>
    <message>
        <source>The prediction is z itself (before the target&apos;s normalisation is undone).</source>
        <translation>预测值就是 z 本身（目标的归一化尚未还原）。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>无法读取 %1：%2。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Check that the folder exists and is writable.</source>
        <translation>无法写入 %1：%2。请检查文件夹是否存在且可写。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>无法写入 %1：%2。</translation>
    </message>
</context>
<context>
    <name>ScoreTerms</name>
    <message>
        <source>Row %1 of W times hₜ, plus b[%1]</source>
        <translation>W 的第 %1 行乘以 hₜ，再加上 b[%1]</translation>
    </message>
    <message>
        <source>tanh of entry %1 above</source>
        <translation>上面第 %1 项的 tanh</translation>
    </message>
    <message>
        <source>v[%1]: a learned weight of the attention</source>
        <translation>v[%1]：注意力的一个可学习权重</translation>
    </message>
    <message>
        <source>e&lt;sub&gt;t&lt;/sub&gt; = v · tanh(W h&lt;sub&gt;t&lt;/sub&gt; + b) = %1 = &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>e&lt;sub&gt;t&lt;/sub&gt; = v · tanh(W h&lt;sub&gt;t&lt;/sub&gt; + b) = %1 = &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>tanh of hₜ[%1]</source>
        <translation>hₜ[%1] 的 tanh</translation>
    </message>
    <message>
        <source>w[%1]: a learned weight of the attention</source>
        <translation>w[%1]：注意力的一个可学习权重</translation>
    </message>
    <message>
        <source>e&lt;sub&gt;t&lt;/sub&gt; = w · tanh(h&lt;sub&gt;t&lt;/sub&gt;) = %1 = &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>e&lt;sub&gt;t&lt;/sub&gt; = w · tanh(h&lt;sub&gt;t&lt;/sub&gt;) = %1 = &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>b[%1]: the learned bias of position %1, the same for every input</source>
        <translation>b[%1]：位置 %1 的可学习偏置，对每个输入都相同</translation>
    </message>
    <message>
        <source>The weight position %1 would get from the bias alone, before the model reads anything</source>
        <translation>在模型读到任何内容之前，仅凭偏置位置 %1 就会得到的权重</translation>
    </message>
    <message>
        <source>e&lt;sub&gt;t&lt;/sub&gt; = w · h&lt;sub&gt;t&lt;/sub&gt; + b&lt;sub&gt;t&lt;/sub&gt; = %1 + %2 = &lt;b&gt;%3&lt;/b&gt;&lt;br&gt;b&lt;sub&gt;t&lt;/sub&gt; belongs to the position, not to the input: with no input at all the bias alone would give this step the weight %4 (uniform: %5).</source>
        <translation>e&lt;sub&gt;t&lt;/sub&gt; = w · h&lt;sub&gt;t&lt;/sub&gt; + b&lt;sub&gt;t&lt;/sub&gt; = %1 + %2 = &lt;b&gt;%3&lt;/b&gt;&lt;br&gt;b&lt;sub&gt;t&lt;/sub&gt; 属于位置而不属于输入：即使完全没有输入，仅凭偏置这一步也会得到 %4 的权重（均匀分布时为 %5）。</translation>
    </message>
    <message>
        <source>q[%1]: the learned query, one number per unit of hₜ</source>
        <translation>q[%1]：可学习的查询向量，hₜ 的每个单元对应一个数</translation>
    </message>
    <message>
        <source>e&lt;sub&gt;t&lt;/sub&gt; = q · h&lt;sub&gt;t&lt;/sub&gt; = %1 = &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>e&lt;sub&gt;t&lt;/sub&gt; = q · h&lt;sub&gt;t&lt;/sub&gt; = %1 = &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The score of unit %1: tanh of entry %1 above</source>
        <translation>单元 %1 的得分：上面第 %1 项的 tanh</translation>
    </message>
    <message>
        <source>Every unit d of h&lt;sub&gt;t&lt;/sub&gt; gets its own score, and its own softmax over time: the table below shows unit %1.</source>
        <translation>h&lt;sub&gt;t&lt;/sub&gt; 的每个单元 d 都有自己的得分，并各自沿时间做 softmax：下表显示单元 %1。</translation>
    </message>
    <message>
        <source>The query of step t: row %1 of W_q times hₜ, plus b_q</source>
        <translation>时间步 t 的查询：W_q 的第 %1 行乘以 hₜ，再加上 b_q</translation>
    </message>
    <message>
        <source>The key of step t: row %1 of W_k times hₜ, plus b_k</source>
        <translation>时间步 t 的键：W_k 的第 %1 行乘以 hₜ，再加上 b_k</translation>
    </message>
    <message>
        <source>The value of step t: row %1 of W_v times hₜ, plus b_v</source>
        <translation>时间步 t 的值：W_v 的第 %1 行乘以 hₜ，再加上 b_v</translation>
    </message>
    <message>
        <source>Step t asks with its query q&lt;sub&gt;t&lt;/sub&gt;; every step s answers with its key k&lt;sub&gt;s&lt;/sub&gt;: e&lt;sub&gt;t,s&lt;/sub&gt; = q&lt;sub&gt;t&lt;/sub&gt; · k&lt;sub&gt;s&lt;/sub&gt; / √%1, one score per step s (the table below). Here, with itself: e&lt;sub&gt;t,t&lt;/sub&gt; = &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation>时间步 t 用查询 q&lt;sub&gt;t&lt;/sub&gt; 提问；每个时间步 s 用键 k&lt;sub&gt;s&lt;/sub&gt; 回答：e&lt;sub&gt;t,s&lt;/sub&gt; = q&lt;sub&gt;t&lt;/sub&gt; · k&lt;sub&gt;s&lt;/sub&gt; / √%1，每个 s 一个得分（见下表）。与自身：e&lt;sub&gt;t,t&lt;/sub&gt; = &lt;b&gt;%2&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>The query of step t: tanh of row %1 of W times hₜ, plus b[%1]</source>
        <translation>时间步 t 的查询：W 的第 %1 行乘以 hₜ，加上 b[%1]，再取 tanh</translation>
    </message>
    <message>
        <source>hₜ[%1]: the state itself is the key and the value</source>
        <translation>hₜ[%1]：状态本身既是键，也是值</translation>
    </message>
    <message>
        <source>Step t asks with its own query q&lt;sub&gt;t&lt;/sub&gt; = tanh(W h&lt;sub&gt;t&lt;/sub&gt; + b); every step s answers with its state: e&lt;sub&gt;t,s&lt;/sub&gt; = q&lt;sub&gt;t&lt;/sub&gt; · h&lt;sub&gt;s&lt;/sub&gt;, not scaled, one score per step s (the table below). Here, with itself: e&lt;sub&gt;t,t&lt;/sub&gt; = &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>时间步 t 用自己的查询 q&lt;sub&gt;t&lt;/sub&gt; = tanh(W h&lt;sub&gt;t&lt;/sub&gt; + b) 提问；每个时间步 s 用它的状态回答：e&lt;sub&gt;t,s&lt;/sub&gt; = q&lt;sub&gt;t&lt;/sub&gt; · h&lt;sub&gt;s&lt;/sub&gt;，不做缩放，每个时间步 s 一个分数（见下表）。这里是与它自身：e&lt;sub&gt;t,t&lt;/sub&gt; = &lt;b&gt;%1&lt;/b&gt;。</translation>
    </message>
</context>
<context>
    <name>studio</name>
    <message>
        <source>Cannot write the figure “%1”: %2</source>
        <translation>无法写入图“%1”：%2</translation>
    </message>
    <message>
        <source>%1×%2 pixels is too large an image</source>
        <translation>%1×%2 像素的图像太大</translation>
    </message>
    <message>
        <source>the image could not be drawn</source>
        <translation>无法绘制图像</translation>
    </message>
    <message>
        <source>PNG encoding failed</source>
        <translation>PNG 编码失败</translation>
    </message>
    <message>
        <source>Drawn by Attention Studio</source>
        <translation>由 Attention Studio 绘制</translation>
    </message>
    <message>
        <source>SVG drawing could not start</source>
        <translation>无法开始绘制 SVG</translation>
    </message>
    <message>
        <source>PDF drawing could not start</source>
        <translation>无法开始绘制 PDF</translation>
    </message>
    <message>
        <source>there is no view to draw</source>
        <translation>没有可绘制的视图</translation>
    </message>
    <message>
        <source>the size %1×%2 at scale %3 is not a figure size</source>
        <translation>尺寸 %1×%2（缩放 %3）不是有效的图尺寸</translation>
    </message>
    <message>
        <source>unknown format</source>
        <translation>未知格式</translation>
    </message>
    <message>
        <source>the name must end in .png, .svg or .pdf</source>
        <translation>文件名必须以 .png、.svg 或 .pdf 结尾</translation>
    </message>
    <message>
        <source>An attention map has shape {T} or {rows, columns}, not %1.</source>
        <translation>注意力图的形状应为 {T} 或 {行, 列}，而不是 %1。</translation>
    </message>
    <message>
        <source>The attention map&apos;s shape %1 has an empty axis.</source>
        <translation>注意力图的形状 %1 有一个长度为 0 的轴。</translation>
    </message>
    <message>
        <source>The attention map&apos;s shape %1 needs %2 values but it has %3.</source>
        <translation>注意力图的形状 %1 需要 %2 个值，但只有 %3 个。</translation>
    </message>
    <message>
        <source>Attention weight of each token</source>
        <translation>每个词元的注意力权重</translation>
    </message>
    <message>
        <source>Attention weight of each step</source>
        <translation>每个时间步的注意力权重</translation>
    </message>
    <message>
        <source>Attention received by each token: column mean of the %1×%2 self-attention map</source>
        <translation>每个词元得到的注意力：%1×%2 自注意力图的列平均</translation>
    </message>
    <message>
        <source>Attention at each step, averaged over the %1 features of the %2×%1 per-feature map</source>
        <translation>每个时间步的注意力：%2×%1 逐特征注意力图在 %1 个特征上的平均</translation>
    </message>
    <message>
        <source>Maps of shapes %1 and %2 cannot be subtracted: the models must see the same input.</source>
        <translation>形状为 %1 和 %2 的注意力图无法相减：两个模型必须使用相同的输入。</translation>
    </message>
    <message>
        <source>Cannot write the weights “%1”: %2</source>
        <translation>无法写入权重文件“%1”：%2</translation>
    </message>
    <message>
        <source>%1 attention, %2, regression</source>
        <translation>%1 注意力，%2，回归</translation>
    </message>
    <message>
        <source>%1 attention, %2, %3 classes</source>
        <translation>%1 注意力，%2，%3 个类别</translation>
    </message>
    <message>
        <source>The softmax runs over the wrong axis</source>
        <translation>softmax 作用在了错误的轴上</translation>
    </message>
    <message>
        <source>Attention weights are a distribution over the time steps: each between 0 and 1, together 1. nn.LSTM without batch_first=True returns its output as (time, batch, features), so dim=1 is the batch axis. With one example in the batch, a softmax over that axis gives every step the weight 1.0: the model adds its hidden states up instead of weighing them, and the heatmap shows nothing about the input. In a batch of several, each step&apos;s weights are shared out between the examples instead.</source>
        <translation>注意力权重是对各时间步的一个分布：每个值在 0 到 1 之间，总和为 1。nn.LSTM 不设 batch_first=True 时，输出的形状是（时间，批次，特征），所以 dim=1 是批次轴。批次里只有一个样本时，沿这个轴做 softmax 会让每个时间步的权重都等于 1.0：模型把隐藏状态直接相加而不是加权，热力图也就反映不出输入的任何信息。批次里有多个样本时，每个时间步的权重则被分摊到了各个样本之间。</translation>
    </message>
    <message>
        <source>Tutorial 003 (PyTorch AttentionLSTM)</source>
        <translation>教程 003（PyTorch AttentionLSTM）</translation>
    </message>
    <message>
        <source>Make the LSTM batch-first, so that dim=1 is the time axis, and sum over time (dim=1) as before. A time-major model would use dim=0 for both instead.</source>
        <translation>把 LSTM 设为 batch_first，这样 dim=1 就是时间轴，求和也照旧沿时间轴（dim=1）进行。若保持时间维在前，softmax 和求和都应改用 dim=0。</translation>
    </message>
    <message>
        <source>Padding gets attention</source>
        <translation>填充位得到了注意力</translation>
    </message>
    <message>
        <source>pad_sequences fills short texts with the id 0, at the front by default. Nothing in the model tells the attention that these steps are empty (Embedding has no mask_zero=True and the custom layer ignores masks), so the softmax gives them weight like words, and the prediction depends on how much padding a text has.</source>
        <translation>pad_sequences 用 id 0 补齐较短的文本，默认补在前面。模型中没有任何东西告诉注意力这些时间步是空的（Embedding 没有设 mask_zero=True，自定义层也忽略掩码），于是 softmax 像对待词语一样给它们分配权重，预测结果也会随文本中填充的多少而变化。</translation>
    </message>
    <message>
        <source>Tutorial 004 (IMDB); tutorial 001 too, with mask_zero=False</source>
        <translation>教程 004（IMDB）；教程 001 也有此问题（mask_zero=False）</translation>
    </message>
    <message>
        <source>Mask the padding: mask_zero=True in the Embedding, and a layer that takes the mask and gives the masked steps a score of minus infinity before the softmax.</source>
        <translation>对填充做掩码：在 Embedding 中设 mask_zero=True，并让注意力层接收掩码，在 softmax 之前把被掩码时间步的得分设为负无穷。</translation>
    </message>
    <message>
        <source>One learned bias per position fixes the length</source>
        <translation>每个位置一个可学习偏置，固定了输入长度</translation>
    </message>
    <message>
        <source>The bias has one value per time step, so the layer only works for the length it was built with (the tutorial&apos;s own Input(shape=(None, input_dim)) cannot even build it). Part of every weight then comes from the step&apos;s position, learned once for all inputs, not from what the input says at that step: the window draws the weights the bias alone would give.</source>
        <translation>这个偏置为每个时间步各存一个值，所以该层只能处理构建时的那个长度（教程自己写的 Input(shape=(None, input_dim)) 甚至无法构建它）。于是每个权重都有一部分来自时间步的位置——对所有输入只学一次——而不是来自输入在该时间步的内容：窗口中画出了仅由偏置给出的权重。</translation>
    </message>
    <message>
        <source>Tutorial 000 (Keras custom Attention layer)</source>
        <translation>教程 000（Keras 自定义 Attention 层）</translation>
    </message>
    <message>
        <source>Share one bias between all steps (it then cancels out in the softmax, so it can also be left out): the layer reads inputs of any length and its weights depend on the input alone.</source>
        <translation>让所有时间步共用一个偏置（它在 softmax 中会被抵消，所以也可以直接去掉）：这样该层可以读取任意长度的输入，权重也只取决于输入本身。</translation>
    </message>
    <message>
        <source>Words outside the vocabulary</source>
        <translation>词表之外的词</translation>
    </message>
    <message>
        <source>The model knows only the words it was trained with, and the tutorial keeps only the most frequent 10,000. Any other word is left out, or read as the one shared out-of-vocabulary token: the model never sees what it was, and no attention can land on it.</source>
        <translation>模型只认识训练时见过的词，而教程只保留了最常见的 10,000 个词。其他词要么被丢弃，要么被读成同一个未登录词（OOV）标记：模型无从得知它原来是什么词，注意力也不可能落在它上面。</translation>
    </message>
    <message>
        <source>Tutorial 004 (IMDB)</source>
        <translation>教程 004（IMDB）</translation>
    </message>
    <message>
        <source>Give the tokenizer an out-of-vocabulary token, so that an unknown word keeps its place and its step shows, and keep more words if the texts need them.</source>
        <translation>给分词器设置一个未登录词标记，让未知词保留自己的位置、在时间步中显示出来；如果文本需要，也可以保留更多的词。</translation>
    </message>
    <message>
        <source>The text was cut</source>
        <translation>文本被截断了</translation>
    </message>
    <message>
        <source>The model reads a fixed number of words. pad_sequences cuts longer texts, and by default it cuts at the front (truncating=&apos;pre&apos;), so the beginning of a long review is never read and gets no attention, whatever it says.</source>
        <translation>模型只读取固定数量的词。pad_sequences 会截断较长的文本，而且默认从前面截（truncating=&apos;pre&apos;），所以长评论的开头根本不会被读到，无论它写了什么，都得不到注意力。</translation>
    </message>
    <message>
        <source>Choose which end is kept, and make maxlen as long as the texts that matter.</source>
        <translation>选择保留哪一端，并让 maxlen 足够容纳重要的文本。</translation>
    </message>
    <message>
        <source>The padding id in the input</source>
        <translation>输入中出现了填充 id</translation>
    </message>
    <message>
        <source>Id 0 is reserved for padding: pad_sequences fills with it and the model&apos;s vocabulary names it &lt;pad&gt;. Typed as an id, it is read as a real step, so the attention and the prediction include a step that no word stands for.</source>
        <translation>id 0 专门用于填充：pad_sequences 用它补齐，模型的词表把它记作 &lt;pad&gt;。作为 id 输入时，它会被当作一个真实的时间步来读取，于是注意力和预测中多出了一个不代表任何词的时间步。</translation>
    </message>
    <message>
        <source>Tutorials 001 and 004 (pad_sequences pads with 0)</source>
        <translation>教程 001 和 004（pad_sequences 用 0 填充）</translation>
    </message>
    <message>
        <source>Give ids of words only (the vocabulary&apos;s words start after &lt;pad&gt; and &lt;unk&gt;), or type the text and let the model&apos;s own tokenizer turn it into ids.</source>
        <translation>只输入词语的 id（词表中的词排在 &lt;pad&gt; 和 &lt;unk&gt; 之后），或者直接输入文本，让模型自带的分词器把它转换成 id。</translation>
    </message>
    <message>
        <source>The custom layer &quot;%1&quot; (%2) was read as %3; its weights also fit %4 (choose with --formula or in the window).</source>
        <translation>自定义层“%1”（%2）被解读为 %3；它的权重也符合 %4（可用 --formula 或在窗口中选择）。</translation>
    </message>
    <message>
        <source>%1 of %2 words are not in the model&apos;s vocabulary and were read as unk_id %3: %4.</source>
        <translation>%2 个词中有 %1 个不在模型的词表中，已按 unk_id %3 读取：%4。</translation>
    </message>
    <message>
        <source>The attention scores add the learned parameter &quot;%1&quot; (%2), which holds one value per position: a fixed-length positional bias, as in the Keras tutorial layer. The model only takes inputs of %3 steps (or fewer, if it slices the bias), and part of each step&apos;s weight is fixed by its position, whatever the input says.</source>
        <translation>注意力得分加上了可学习参数“%1”（%2），它为每个位置各存一个值：这是一个固定长度的位置偏置，与 Keras 教程中的层相同。模型只接受 %3 个时间步的输入（如果它会截取偏置，则也接受更短的输入），而且每个时间步的权重有一部分由其位置决定，与输入内容无关。</translation>
    </message>
    <message>
        <source> Its softmax ran over the batch axis (dim=%1 of the %2 %3 scores), which holds the one example, so every weight is 1.0: it is not a distribution over the input (softmax over the time axis, dim=%4, would be).</source>
        <translation> 它的 softmax 作用在批次轴上（%2 %3 得分的 dim=%1），而该轴上只有一个样本，所以每个权重都是 1.0：这不是对输入的分布（沿时间轴 dim=%4 做 softmax 才是）。</translation>
    </message>
    <message>
        <source> Every weight is 1.0, as a softmax over an axis of length one gives: it was probably taken over the batch axis (as a time-major model calling softmax(dim=1) does), so the weights are not a distribution over the input.</source>
        <translation> 每个权重都是 1.0，这正是在长度为 1 的轴上做 softmax 的结果：它很可能是沿批次轴计算的（时间维在前的模型调用 softmax(dim=1) 就会这样），所以这些权重不是对输入的分布。</translation>
    </message>
    <message>
        <source> Its softmax was probably taken over another axis (for example over the batch axis, as a time-major model calling softmax(dim=1) does), so the weights are not a distribution over the input.</source>
        <translation> 它的 softmax 很可能是沿另一个轴计算的（例如批次轴，时间维在前的模型调用 softmax(dim=1) 就会这样），所以这些权重不是对输入的分布。</translation>
    </message>
    <message>
        <source>The attention sums to %1 over the time axis, not 1.</source>
        <translation>注意力沿时间轴的总和为 %1，而不是 1。</translation>
    </message>
    <message>
        <source>A row of the %1×%1 attention sums to %2 away from 1.</source>
        <translation>%1×%1 注意力中有一行的总和与 1 相差 %2。</translation>
    </message>
    <message>
        <source>A feature&apos;s attention sums to %1 away from 1 over the time axis.</source>
        <translation>某个特征的注意力沿时间轴的总和与 1 相差 %1。</translation>
    </message>
    <message>
        <source>The model puts attention on padding (up to %1 on a step with pad id %2); padded steps should get exactly zero attention, so the model probably does not mask them.</source>
        <translation>模型把注意力放在了填充位上（pad id 为 %2 的时间步上最多达 %1）；填充的时间步应当得到恰好为零的注意力，所以模型很可能没有对它们做掩码。</translation>
    </message>
    <message>
        <source>The attention the model returns has shape %1, which is not a distribution over the %2 input steps.</source>
        <translation>模型返回的注意力形状为 %1，不是对 %2 个输入时间步的分布。</translation>
    </message>
    <message>
        <source>The chosen softmax #%1 has shape %2, which is not a distribution over the %3 input steps.</source>
        <translation>所选的 softmax #%1 形状为 %2，不是对 %3 个输入时间步的分布。</translation>
    </message>
    <message>
        <source>The model&apos;s graph has %1 softmax outputs, but none has a shape that fits a distribution over the %2 input steps.</source>
        <translation>模型的计算图中有 %1 个 softmax 输出，但没有一个的形状符合对 %2 个输入时间步的分布。</translation>
    </message>
    <message>
        <source>The model returns no attention and its forward graph has no softmax: there is no attention to show.</source>
        <translation>模型没有返回注意力，其前向计算图中也没有 softmax：没有可显示的注意力。</translation>
    </message>
    <message>
        <source>%1 softmax calls sit inside a loop or a branch of the graph and cannot be shown.</source>
        <translation>有 %1 个 softmax 调用位于计算图的循环或分支中，无法显示。</translation>
    </message>
    <message>
        <source>Positional-bias attention adds a learned bias per position (for up to %1 steps): before reading the input it favours step %2, which the bias alone would give %3 of the weight (uniform: %4).</source>
        <translation>位置偏置注意力为每个位置加上一个可学习偏置（最多 %1 个时间步）：在读取输入之前，它就偏向第 %2 个时间步——仅凭偏置，该步就会得到 %3 的权重（均匀分布时为 %4）。</translation>
    </message>
    <message>
        <source>The weights of &quot;%1&quot; do not sum to 1 over time (off by up to %2): its softmax ran over another axis, so they are not a distribution over the input&apos;s steps.</source>
        <translation>“%1”的权重沿时间的总和不为 1（最多相差 %2）：它的 softmax 作用在了另一个轴上，所以这些权重不是对输入各时间步的分布。</translation>
    </message>
    <message>
        <source>%1 of the weight falls on the %2 padding steps (id 0): pad_sequences pads at the front by default, and nothing in the model masks them (no Embedding mask_zero=True or Masking layer), so the model reads the padding as words.</source>
        <translation>%1 的权重落在了 %2 个填充时间步（id 0）上：pad_sequences 默认在前面填充，而模型中没有任何东西对它们做掩码（没有 Embedding mask_zero=True，也没有 Masking 层），所以模型把填充当作词语来读。</translation>
    </message>
    <message>
        <source>%1 of the words are not in the tokenizer&apos;s vocabulary and were %2, as texts_to_sequences does: %3.</source>
        <translation>有 %1 个词不在分词器的词表中，已按 texts_to_sequences 的做法%2：%3。</translation>
    </message>
    <message>
        <source>read as its OOV token</source>
        <translation>读作其 OOV 标记</translation>
    </message>
    <message>
        <source>left out</source>
        <translation>略去</translation>
    </message>
    <message>
        <source>The text has %1 more words than the model reads; pad_sequences cut them off.</source>
        <translation>文本比模型能读取的多出 %1 个词；pad_sequences 把它们截掉了。</translation>
    </message>
    <message>
        <source>The layer &quot;%1&quot; adds one learned bias per position, which fixes the input length to %2 steps: the model cannot read a longer or shorter input.</source>
        <translation>层“%1”为每个位置加上一个可学习偏置，这把输入长度固定为 %2 个时间步：模型无法读取更长或更短的输入。</translation>
    </message>
    <message>
        <source>The model computes no softmax over its input: there is no attention to show, only the prediction.</source>
        <translation>模型没有对输入计算任何 softmax：没有可显示的注意力，只有预测结果。</translation>
    </message>
    <message>
        <source>The model computes %1 softmax outputs, but none has a shape that fits a distribution over the %2 input steps (choose one with --candidate).</source>
        <translation>模型计算了 %1 个 softmax 输出，但没有一个的形状符合对 %2 个输入时间步的分布（可用 --candidate 选择一个）。</translation>
    </message>
    <message>
        <source>%1 of %2 words are not in the model&apos;s vocabulary and were read as &lt;unk&gt;: %3.</source>
        <translation>%2 个词中有 %1 个不在模型的词表中，已按 &lt;unk&gt; 读取：%3。</translation>
    </message>
    <message>
        <source>The model has no attention (the none baseline reads the last hidden state): there are no weights to show.</source>
        <translation>该模型没有注意力（none 基线读取最后一个隐藏状态）：没有可显示的权重。</translation>
    </message>
    <message>
        <source>The ids contain 0, the padding id; the model reads it as a real step.</source>
        <translation>这些 id 中含有 0，即填充 id；模型会把它当作一个真实的时间步来读取。</translation>
    </message>
    <message>
        <source>What it computes.</source>
        <translation>它计算什么。</translation>
    </message>
    <message>
        <source>What to watch.</source>
        <translation>要观察什么。</translation>
    </message>
    <message>
        <source>What it gets wrong.</source>
        <translation>它错在哪里。</translation>
    </message>
    <message>
        <source>Where should attention look? A task whose answer is known</source>
        <translation>注意力应该看向哪里？一个答案已知的任务</translation>
    </message>
    <message>
        <source>Each example is 16 neutral words with one sentiment word (great, excellent, superb; awful, terrible, boring) at a random place, and that word alone decides the label. A Bi-LSTM reads the words, additive attention weighs them (eₜ = vᵀ tanh(W hₜ + b)) and the weighted sum decides.</source>
        <translation>每个样本由 16 个中性词组成，其中随机位置上有一个情感词（great、excellent、superb；awful、terrible、boring），只有这个词决定标签。Bi-LSTM 读入这些词，加性注意力为它们加权（eₜ = vᵀ tanh(W hₜ + b)），加权和决定预测。</translation>
    </message>
    <message>
        <source>Here the attention is right, because the task leaves it one place to look. It says where the model looks, not why: type a sentence with two sentiment words of opposite sense and see where the weight goes, and what the model answers.</source>
        <translation>这里注意力是对的，因为任务只给它留了一个可看的位置。注意力说明模型在看哪里，而不是为什么：输入一个含有两个意思相反的情感词的句子，看看权重落在哪里，模型又如何回答。</translation>
    </message>
    <message>
        <source>One weight per unit, not per word (tutorial 004)</source>
        <translation>每个单元一个权重，而不是每个词一个（教程 004）</translation>
    </message>
    <message>
        <source>The tutorial&apos;s Keras layer: e = tanh(x·W + b) with W of size d×d, then a softmax over time (axis=1). Every one of the d units of hₜ gets its own distribution over the words: a T×d map, not one weight per word. Here: Embedding, LSTM(16), this attention, Dense(1, sigmoid), on 1,000 IMDB sentences (the tutorial uses the whole IMDB set, 10,000 words, 200 per review).</source>
        <translation>教程中的 Keras 层：e = tanh(x·W + b)，W 的大小为 d×d，然后沿时间做 softmax（axis=1）。hₜ 的 d 个单元各自得到一个对所有词的分布：这是一张 T×d 的图，而不是每个词一个权重。这里：Embedding、LSTM(16)、这个注意力层、Dense(1, sigmoid)，用 1,000 条 IMDB 句子训练（教程使用完整的 IMDB 数据集，10,000 个词，每条评论 200 个词）。</translation>
    </message>
    <message>
        <source>The model&apos;s map is T×d; the word view shows, for each word, the mean over the d units. In Inside the Attention, change &quot;unit d&quot;: the softmax table changes, because each unit weighs the words its own way.</source>
        <translation>模型的注意力图是 T×d；词视图为每个词显示 d 个单元的平均值。在“注意力内部”中改变“单元 d”：softmax 表格随之改变，因为每个单元以自己的方式为词加权。</translation>
    </message>
    <message>
        <source>&quot;The weight of a word&quot; is then a summary, a mean of d distributions, that the model never computed. And the tutorial pads every review at the front to 200 words with nothing to mask the padding: opened as the tutorial saves it, such a model warns about it, with a Why? link.</source>
        <translation>于是“一个词的权重”只是一个汇总——d 个分布的平均——模型本身从未计算过它。而且教程把每条评论在前面填充到 200 个词，却没有任何东西对填充做掩码：按教程保存的模型在这里打开时会对此发出警告，并附有“为什么？”链接。</translation>
    </message>
    <message>
        <source>Zhou&apos;s attention over a Bi-LSTM (tutorial 001)</source>
        <translation>Bi-LSTM 上的 Zhou 式注意力（教程 001）</translation>
    </message>
    <message>
        <source>The Bi-LSTM of tutorial 001: Dense(1, activation=&apos;tanh&apos;) on the LSTM&apos;s outputs, a softmax over the steps and a weighted sum, as in Zhou et al. (2016): α = softmax(wᵀ tanh(H)), c = tanh(H α). Here: Embedding, Bi-LSTM(20) as in the tutorial, this attention and the output layer, on 1,000 IMDB sentences.</source>
        <translation>教程 001 中的 Bi-LSTM：在 LSTM 输出上接 Dense(1, activation=&apos;tanh&apos;)，沿时间步做 softmax，再加权求和，与 Zhou 等人（2016）相同：α = softmax(wᵀ tanh(H))，c = tanh(H α)。这里：Embedding、与教程相同的 Bi-LSTM(20)、这个注意力层和输出层，用 1,000 条 IMDB 句子训练。</translation>
    </message>
    <message>
        <source>In Inside the Attention, section 5 shows r = Σ αₜ hₜ and then c = tanh(r): every number of the context lies between −1 and 1, whatever the weights. Section 0 shows both directions&apos; gates: the backward direction has read the end of the sentence first.</source>
        <translation>在“注意力内部”中，第 5 部分先显示 r = Σ αₜ hₜ，再显示 c = tanh(r)：无论权重如何，上下文的每个数都在 −1 与 1 之间。第 0 部分显示两个方向的门：后向方向最先读到的是句子的结尾。</translation>
    </message>
    <message>
        <source>A bias for each position (tutorial 000)</source>
        <translation>每个位置一个偏置（教程 000）</translation>
    </message>
    <message>
        <source>Tutorial 000&apos;s layer: e = x·W + b with b of shape (T, 1), one learned bias per position, then a softmax over time and a weighted sum. Here an LSTM(16) reads 24 years of yearly sunspot numbers (1700–2008) and forecasts the next year, through the tutorial&apos;s attention.</source>
        <translation>教程 000 的层：e = x·W + b，其中 b 的形状为 (T, 1)，即每个位置一个可学习的偏置，然后沿时间做 softmax 并加权求和。这里 LSTM(16) 读入 24 年的年太阳黑子数（1700–2008），通过教程中的注意力预测下一年。</translation>
    </message>
    <message>
        <source>The heat strip under the series shows which past years the forecast used. In Inside the Attention, section 2 writes each score as w · hₜ + bₜ, and says what weight the bias alone would give the step, before the model has read anything.</source>
        <translation>序列下方的热度条显示预测用到了过去哪些年份。在“注意力内部”中，第 2 部分把每个得分写成 w · hₜ + bₜ，并说明在模型读到任何内容之前，仅凭偏置这一步会得到多少权重。</translation>
    </message>
    <message>
        <source>A softmax over the wrong axis (tutorial 003)</source>
        <translation>softmax 作用在错误的轴上（教程 003）</translation>
    </message>
    <message>
        <source>Tutorial 003&apos;s PyTorch AttentionLSTM, twice, with the same weights, side by side on the same series (noise with one spike, at step 15; the spike&apos;s direction is the label). On the right, the model as its text means it: batch_first=True, so softmax(dim=1) runs over the 24 steps. On the left, the model exactly as the tutorial writes it: nn.LSTM without batch_first is time-major, its output is (time, batch, features), and softmax(dim=1) runs over the batch.</source>
        <translation>教程 003 中的 PyTorch AttentionLSTM，用同一组权重做成两个模型，在同一个序列上并排显示（一段噪声，第 15 步有一个尖峰；尖峰的方向就是标签）。右边是按教程文字本意写的模型：batch_first=True，所以 softmax(dim=1) 沿 24 个时间步计算。左边是完全照教程代码写的模型：nn.LSTM 没有设 batch_first，是时间维在前，输出形状为（时间，批次，特征），于是 softmax(dim=1) 沿批次计算。</translation>
    </message>
    <message>
        <source>The fixed model&apos;s weight peaks at the spike and the steps just after it. The tutorial&apos;s model gives every step the weight 1.0: a softmax over an axis that holds one example. Its warning has a Why? link with the line and the fix. Its output has one row per step, because it then sums over the batch instead of over time.</source>
        <translation>修正后的模型，权重在尖峰及其后几步达到最大。教程原样的模型给每一步的权重都是 1.0：在只含一个样本的轴上做 softmax 就是这样。它的警告带有“为什么？”链接，给出出错的那一行和修正方法。它的输出每个时间步一行，因为它随后是沿批次求和，而不是沿时间求和。</translation>
    </message>
    <message>
        <source>Nothing in the code fails: the shapes broadcast, the model runs, and trains, on a batch. Only the attention&apos;s sums show it. The fix is one argument: nn.LSTM(input_size, hidden_size, batch_first=True), or dim=0 for both the softmax and the sum.</source>
        <translation>代码里没有任何地方报错：形状可以广播，模型能运行，也能在一个批次上训练。只有注意力的总和暴露了问题。修正只需一个参数：nn.LSTM(input_size, hidden_size, batch_first=True)，或者把 softmax 和求和都改成 dim=0。</translation>
    </message>
    <message>
        <source>the file&apos;s meta.json says batch_first=%1</source>
        <translation>文件的 meta.json 写明 batch_first=%1</translation>
    </message>
    <message>
        <source>the model&apos;s %1 call reads a packed sequence whose packing is not in its graph</source>
        <translation>模型的 %1 调用读取的是打包序列，而打包过程不在其计算图中</translation>
    </message>
    <message>
        <source>the batch_first argument of the model&apos;s %1 call is not a constant</source>
        <translation>模型的 %1 调用的 batch_first 参数不是常量</translation>
    </message>
    <message>
        <source>the model&apos;s recurrent calls disagree on batch_first (%1)</source>
        <translation>模型的各个循环层调用对 batch_first 的设置不一致（%1）</translation>
    </message>
    <message>
        <source>the model&apos;s %1 call has batch_first=%2</source>
        <translation>模型的 %1 调用设置了 batch_first=%2</translation>
    </message>
    <message>
        <source>the model&apos;s %1 %2 calls all have batch_first=%3</source>
        <translation>模型的 %1 个 %2 调用都设置了 batch_first=%3</translation>
    </message>
    <message>
        <source>the model&apos;s %1 recurrent calls (%2) all have batch_first=%3</source>
        <translation>模型的 %1 个循环层调用（%2）都设置了 batch_first=%3</translation>
    </message>
    <message>
        <source>time-major (T, 1)</source>
        <translation>时间维在前 (T, 1)</translation>
    </message>
    <message>
        <source>time-major (T, 1, F)</source>
        <translation>时间维在前 (T, 1, F)</translation>
    </message>
    <message>
        <source>batch-first (1, T)</source>
        <translation>批次维在前 (1, T)</translation>
    </message>
    <message>
        <source>batch-first (1, T, F)</source>
        <translation>批次维在前 (1, T, F)</translation>
    </message>
    <message>
        <source>Fed %1, as asked</source>
        <translation>按要求以%1输入</translation>
    </message>
    <message>
        <source>, although %1</source>
        <translation>，尽管%1</translation>
    </message>
    <message>
        <source>Fed %1: %2</source>
        <translation>以%1输入：%2</translation>
    </message>
    <message>
        <source>Fed %1 by assumption: the model has no LSTM, GRU or RNN call whose batch_first would tell its layout, and %2.</source>
        <translation>按假定以%1输入：模型中没有可以说明其维度顺序的 LSTM、GRU 或 RNN 调用（batch_first），而且%2。</translation>
    </message>
    <message>
        <source>its meta.json does not state batch_first</source>
        <translation>它的 meta.json 没有写明 batch_first</translation>
    </message>
    <message>
        <source>it has no meta.json that states it</source>
        <translation>它没有写明这一点的 meta.json</translation>
    </message>
    <message>
        <source>Fed %1 by assumption: the layout could not be told, as %2.</source>
        <translation>按假定以%1输入：无法判断维度顺序，因为%2。</translation>
    </message>
    <message>
        <source>TorchScript model with meta.json</source>
        <translation>带 meta.json 的 TorchScript 模型</translation>
    </message>
    <message>
        <source>TorchScript model without meta.json</source>
        <translation>不带 meta.json 的 TorchScript 模型</translation>
    </message>
    <message>
        <source>The curve &quot;validation attention on deciding steps&quot; beside the loss: the share of the attention that lands on the deciding word, epoch by epoch. It starts near 1/16, the uniform share, and rises as the model learns where to look. After training, the sentence typed for you has its deciding word, superb, as the ninth word, marked ▲ under the text: the heatmap lights up there. In Inside the Attention, step to it: its score eₜ stands out before the softmax turns it into most of the weight.</source>
        <translation>看损失旁边的曲线“验证集中决定性时间步上的注意力”：每一轮落在决定性词上的注意力份额。它从接近 1/16（均匀分布的份额）开始，随着模型学会该看哪里而上升。训练结束后，为你输入的句子中决定性词 superb 是第九个词，文本下方用 ▲ 标出：热力图会在那里亮起来。在“注意力内部”中逐步走到它：在 softmax 把它变成大部分权重之前，它的得分 eₜ 就已经很突出了。</translation>
    </message>
    <message>
        <source>Beside the app&apos;s model, the tutorial&apos;s own Keras model, as it writes it: its Embedding says mask_zero=False and pad_sequences pads the 7 words at the front to 30, so the 23 padding steps get weight like words (its warning says how much; the Why? link shows the fix). The app&apos;s own model masks the padding: the softmax gives it exactly zero.</source>
        <translation>在本程序的模型旁边，是教程自己原样写出的 Keras 模型：它的 Embedding 写的是 mask_zero=False，而 pad_sequences 在前面把 7 个词填充到 30 个，所以 23 个填充位会像词一样得到权重（它的警告会说明有多少；“为什么？”链接给出修正方法）。本程序自己的模型会对填充做掩码：softmax 给它的权重恰好为零。</translation>
    </message>
    <message>
        <source>Every step asks its own query (tutorial 002)</source>
        <translation>每个时间步各有自己的查询（教程 002）</translation>
    </message>
    <message>
        <source>Tutorial 002&apos;s Keras lines, built natively: every step asks with its own query qₜ = tanh(W hₜ + b) (its Dense(tanh)), scores every step s by a dot product eₜₛ = qₜ · hₛ (its Dot) and takes a softmax over s: a T×T map, one row of weights per step. What each step gathers, Σₛ αₜₛ hₛ, is summed over the steps (its K.sum) and concatenated to the LSTM&apos;s output (its Concatenate); the output layer reads the last step of that. An LSTM(16) on 1,000 IMDB sentences.</source>
        <translation>教程 002 的 Keras 代码，在本应用中原生构建：每个时间步用自己的查询 qₜ = tanh(W hₜ + b)（教程的 Dense(tanh)）提问，用点积 eₜₛ = qₜ · hₛ（教程的 Dot）给每个时间步 s 打分，再对 s 做 softmax：得到一张 T×T 的图，每个时间步一行权重。每个时间步汇集的信息 Σₛ αₜₛ hₛ 在所有时间步上求和（教程的 K.sum），再拼接到 LSTM 的输出旁（教程的 Concatenate）；输出层读取其最后一个时间步。模型为 LSTM(16)，数据为 1,000 条 IMDB 句子。</translation>
    </message>
    <message>
        <source>As written, Dot(axes=(2, 1)) pairs the d units of the query with the T steps of the states: it runs only when T = d, and then mixes time with units; here the dot runs over the units, as the tutorial&apos;s text means. K.sum adds up T rows, so the context grows with the length of the input (section 5: its second half). And Concatenate of a (T, d) and a (d) tensor needs a RepeatVector that the tutorial leaves out.</source>
        <translation>按教程原样，Dot(axes=(2, 1)) 把查询的 d 个单元与状态的 T 个时间步配对：只有 T = d 时才能运行，而且会把时间与单元混在一起；这里的点积在单元上进行，这才是教程文字的本意。K.sum 把 T 行加起来，所以上下文随输入长度增长（第 5 节：它的后半部分）。而把 (T, d) 与 (d) 的张量做 Concatenate，需要一个教程漏掉的 RepeatVector。</translation>
    </message>
    <message>
        <source>The bias belongs to the position, not to the input: part of every weight is fixed in advance, and the layer only works for the length it was built with (the tutorial&apos;s own Input(shape=(None, input_dim)) cannot even build it). Under the series, set &quot;Forecasters read the last&quot; to 30 rows: this model refuses, it has a bias for 24 positions only, where any other forecaster reads the 30. The warning under the model says which step the bias favours; its Why? link shows the fix.</source>
        <translation>偏置属于位置而不属于输入：每个权重都有一部分是预先固定的，而且该层只能处理构建时的那个长度（教程自己写的 Input(shape=(None, input_dim)) 甚至无法构建它）。在序列下方把“预测模型读取最后”设为 30 行：这个模型会拒绝，因为它只有 24 个位置的偏置，而其他预测模型都能读取这 30 行。模型下方的警告会说明偏置偏向哪一步；它的“为什么？”链接给出了修正方法。</translation>
    </message>
    <message>
        <source>This positional-bias model has a bias for %1 positions but the input has %2 steps: truncate the input to %1 steps.</source>
        <translation>这个位置偏置模型只有 %1 个位置的偏置，但输入有 %2 个时间步：请把输入截短到 %1 个时间步。</translation>
    </message>
    <message>
        <source>additive</source>
        <translation>加性 (additive)</translation>
    </message>
    <message>
        <source>tanh-dense</source>
        <translation>tanh 全连接 (tanh-dense)</translation>
    </message>
    <message>
        <source>positional-bias</source>
        <translation>位置偏置 (positional-bias)</translation>
    </message>
    <message>
        <source>dot</source>
        <translation>点积 (dot)</translation>
    </message>
    <message>
        <source>self</source>
        <translation>自 (self)</translation>
    </message>
    <message>
        <source>per-feature</source>
        <translation>逐特征 (per-feature)</translation>
    </message>
    <message>
        <source>query-dot</source>
        <translation>查询点积 (query-dot)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无 (none)</translation>
    </message>
    <message>
        <source>The map: row t is where step t looks, and each row sums to 1. Click a cell or step through the words: in Inside the Attention, section 2 shows the step&apos;s query qₜ beside its state, and the softmax table shows its row, the scores eₜₛ = qₜ · hₛ of every step s. The word view shows how much weight each word receives, averaged over the rows.</source>
        <translation>看这张图：第 t 行是时间步 t 关注的地方，每行之和为 1。点击一个单元格，或逐词前进：在“注意力内部”中，第 2 节把该时间步的查询 qₜ 与它的状态并排显示，softmax 表显示它的那一行，即每个时间步 s 的得分 eₜₛ = qₜ · hₛ。词视图显示每个词得到的权重，即各行的平均。</translation>
    </message>
    <message>
        <source>train_ddp.py trains token classification; this setup forecasts the series column &quot;%1&quot;.</source>
        <translation>train_ddp.py 只训练词元分类；这个设置预测的是序列列“%1”。</translation>
    </message>
    <message>
        <source>train_ddp.py makes the keyword task only (or reads a text,label CSV); this setup&apos;s task is &quot;%1&quot;.</source>
        <translation>train_ddp.py 只生成 keyword 任务（或读取 text,label 两列的 CSV）；这个设置的任务是“%1”。</translation>
    </message>
    <message>
        <source>train_ddp.py reads text from a CSV with text and label columns; this setup&apos;s data is &quot;%1&quot;.</source>
        <translation>train_ddp.py 从含 text 和 label 两列的 CSV 读取文本；这个设置的数据是“%1”。</translation>
    </message>
    <message>
        <source>train_ddp.py trains with Adam; this setup chose %1.</source>
        <translation>train_ddp.py 使用 Adam 训练；这个设置选择的是 %1。</translation>
    </message>
    <message>
        <source>train_ddp.py makes the keyword task with two classes; this setup adds a neutral third.</source>
        <translation>train_ddp.py 生成的 keyword 任务只有两个类别；这个设置加了第三个中性类别。</translation>
    </message>
    <message>
        <source>The score is what the model returns, after its final %1: a probability, not a logit, so gradients flatten where the model is sure.</source>
        <translation>分数是模型经过最后的 %1 之后返回的值：是概率而不是 logit，因此在模型很确定的地方梯度会变平。</translation>
    </message>
    <message>
        <source>%1 steps are padding (id 0), shown as the attention view shows them; the model masks them (mask_zero), as Keras does.</source>
        <translation>有 %1 步是填充（id 0），按注意力视图的方式显示；模型会像 Keras 那样屏蔽它们（mask_zero）。</translation>
    </message>
    <message>
        <source>%1 steps are padding (id 0), shown as the attention view shows them; the model reads them as words, so they get attributions, but replacing one by the pad id changes nothing (occlusion 0 there).</source>
        <translation>有 %1 步是填充（id 0），按注意力视图的方式显示；模型把它们当作词来读，所以它们也有归因，但把它们替换为填充 id 不会改变任何东西（那里的遮挡为 0）。</translation>
    </message>
    <message>
        <source>Integrated gradients run from id 0&apos;s embedding at every step with the input&apos;s own mask kept (a mask cannot be interpolated): the baseline&apos;s steps are read, not masked, except where the input itself is padding.</source>
        <translation>积分梯度从每一步都是 id 0 的嵌入出发，并保留输入自己的掩码（掩码无法插值）：基线的各步会被读取而不是被屏蔽，输入本身为填充的位置除外。</translation>
    </message>
</context>
<context>
    <name>studio::AttentionMatrixView</name>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>step</source>
        <translation>时间步</translation>
    </message>
    <message>
        <source>Attention weight of each %1</source>
        <translation>每个%1的注意力权重</translation>
    </message>
    <message>
        <source>attended %1 (key)</source>
        <translation>被关注的%1（键）</translation>
    </message>
    <message>
        <source>attending %1 (query)</source>
        <translation>发出关注的%1（查询）</translation>
    </message>
    <message>
        <source>Self-attention, %1×%2: each row is one %3&apos;s attention over the input</source>
        <translation>自注意力，%1×%2：每行是一个%3对输入的注意力</translation>
    </message>
    <message>
        <source>feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>Per-feature attention, %1×%2: each column is one feature&apos;s attention over time</source>
        <translation>逐特征注意力，%1×%2：每列是一个特征随时间的注意力</translation>
    </message>
</context>
<context>
    <name>studio::AttentionRowView</name>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>step</source>
        <translation>时间步</translation>
    </message>
</context>
<context>
    <name>studio::AttentionTimeline</name>
    <message>
        <source>Play the attention through the epochs</source>
        <translation>逐轮播放注意力的变化</translation>
    </message>
    <message>
        <source>Start a training run to record how its attention evolves.</source>
        <translation>开始一次训练，记录注意力如何变化。</translation>
    </message>
    <message>
        <source>Probe</source>
        <translation>观察样本</translation>
    </message>
    <message>
        <source>Waiting for the first snapshot…</source>
        <translation>正在等待第一个快照…</translation>
    </message>
    <message>
        <source>%1: %2…</source>
        <translation>%1：%2…</translation>
    </message>
    <message>
        <source>Before training (initial weights) · prediction %1</source>
        <translation>训练前（初始权重）· 预测 %1</translation>
    </message>
    <message>
        <source>Epoch %1 · step %2 · prediction %3</source>
        <translation>第 %1 轮 · 第 %2 步 · 预测 %3</translation>
    </message>
</context>
<context>
    <name>studio::ColorControls</name>
    <message>
        <source>Colormap</source>
        <translation>色图</translation>
    </message>
    <message>
        <source>Auto range</source>
        <translation>自动范围</translation>
    </message>
    <message>
        <source>Follow the data shown; turn off to keep fixed bounds, so colours compare across inputs and epochs</source>
        <translation>跟随显示的数据自动调整；关闭后保持固定的上下限，便于在不同输入、不同轮之间比较颜色</translation>
    </message>
    <message>
        <source>Value drawn with the colormap&apos;s low end</source>
        <translation>对应色图最低端颜色的数值</translation>
    </message>
    <message>
        <source>Value drawn with the colormap&apos;s high end</source>
        <translation>对应色图最高端颜色的数值</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>studio::Colormap</name>
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
        <source>Blue–Red (diverging)</source>
        <translation>蓝–红（发散）</translation>
    </message>
</context>
<context>
    <name>studio::ComparisonView</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Raw output</source>
        <translation>原始输出</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Open a model (File ▸ Open Model, or drop a .asmodel, TorchScript .pt or Keras .h5/.keras file here).</source>
        <translation>请打开一个模型（文件 ▸ 打开模型，或将 .asmodel、TorchScript .pt 或 Keras .h5/.keras 文件拖放到这里）。</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Both models need attention for the current input.</source>
        <translation>两个模型都需要对当前输入给出注意力。</translation>
    </message>
    <message>
        <source>red: more attention from %1, blue: from %2</source>
        <translation>红色：%1 的注意力更多；蓝色：%2 的更多</translation>
    </message>
    <message>
        <source>Kendall&apos;s τ: +1 when both models rank the steps in the same order, 0 when unrelated, −1 when reversed. Top-%1 overlap: how many of each model&apos;s %1 most attended steps the other shares. Jensen–Shannon distance: 0 for the same weights, 1 for weights on different steps.</source>
        <translation>Kendall τ：两个模型对时间步的排序完全相同时为 +1，无关时为 0，完全相反时为 −1。前 %1 重合：一个模型注意力最大的 %1 个时间步中，另一个模型也选中的个数。Jensen–Shannon 距离：权重相同时为 0，权重落在不同时间步上时为 1。</translation>
    </message>
    <message>
        <source>Agreement: Kendall&apos;s τ %1 · top-%2 overlap %3 of %2 · Jensen–Shannon distance %4</source>
        <translation>一致性：Kendall τ %1 · 前 %2 重合 %3/%2 · Jensen–Shannon 距离 %4</translation>
    </message>
</context>
<context>
    <name>studio::CurvesView</name>
    <message>
        <source>step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <source>Keep all data in view as it grows (double-click the plot to turn on again).</source>
        <translation>随数据增长始终显示全部数据（双击图表可重新开启）。</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>%1
%2 at step %3: %4</source>
        <translation>%1
%2（第 %3 步）：%4</translation>
    </message>
    <message>
        <source> (raw %1)</source>
        <translation>（原始值 %1）</translation>
    </message>
    <message>
        <source>train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>train accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>train MAE</source>
        <translation>训练 MAE</translation>
    </message>
    <message>
        <source>validation MAE</source>
        <translation>验证 MAE</translation>
    </message>
    <message>
        <source>validation MAE, target units</source>
        <translation>验证 MAE（目标单位）</translation>
    </message>
    <message>
        <source>persistence MAE, target units</source>
        <translation>持续性预测 MAE（目标单位）</translation>
    </message>
    <message>
        <source>validation attention on deciding steps</source>
        <translation>验证集中决定性时间步上的注意力</translation>
    </message>
</context>
<context>
    <name>studio::DataPreviewDialog</name>
    <message>
        <source>Training Data: %1</source>
        <translation>训练数据：%1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Tokens (as training reads them)</source>
        <translation>词元（训练时的切分）</translation>
    </message>
    <message>
        <source>Train on This File</source>
        <translation>用此文件训练</translation>
    </message>
    <message>
        <source>%1 records read as %2; text from &quot;%3&quot;, label from &quot;%4&quot;; %5 classes: %6.</source>
        <translation>已按 %2 格式读取 %1 条记录；文本取自“%3”，标签取自“%4”；共 %5 个类别：%6。</translation>
    </message>
    <message>
        <source>the lines</source>
        <translation>每一行</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message numerus="yes">
        <source> %n record(s) with empty text were left out.</source>
        <translation>
            <numerusform>已略去 %n 条文本为空的记录。</numerusform>
        </translation>
    </message>
    <message>
        <source> A classifier needs at least two classes: choose a file with a label column.</source>
        <translation>分类器至少需要两个类别：请选择带有标签列的文件。</translation>
    </message>
</context>
<context>
    <name>studio::DistributedTrainingDialog</name>
    <message>
        <source>Train with torchrun</source>
        <translation>用 torchrun 训练</translation>
    </message>
    <message>
        <source>The same model and settings, trained by PyTorch&apos;s DistributedDataParallel on several processes or machines (gloo on CPUs, NCCL on GPUs). Run the command in a terminal (on every machine, when there are several); the window can watch the run folder as the run writes its curves and checkpoints.</source>
        <translation>同样的模型和设置，由 PyTorch 的 DistributedDataParallel 在多个进程或多台机器上训练（CPU 用 gloo，GPU 用 NCCL）。在终端里运行下面的命令（有多台机器时，每台都运行）；训练写出曲线和检查点时，窗口可以监视它的运行文件夹。</translation>
    </message>
    <message>
        <source>One process per CPU share or per GPU on each machine (torchrun --nproc_per_node).</source>
        <translation>每台机器上每份 CPU 或每块 GPU 一个进程（torchrun --nproc_per_node）。</translation>
    </message>
    <message>
        <source>Machines taking part; each runs the same command (torchrun --nnodes).</source>
        <translation>参与的机器数；每台运行同一条命令（torchrun --nnodes）。</translation>
    </message>
    <message>
        <source>HOST:PORT of the first machine, where the others meet it (torchrun --rdzv_endpoint).</source>
        <translation>第一台机器的 主机:端口，其他机器在这里与它会合（torchrun --rdzv_endpoint）。</translation>
    </message>
    <message>
        <source>Processes per machine</source>
        <translation>每台机器的进程数</translation>
    </message>
    <message>
        <source>Machines</source>
        <translation>机器数</translation>
    </message>
    <message>
        <source>Meeting point</source>
        <translation>会合地址</translation>
    </message>
    <message>
        <source>Run folder</source>
        <translation>运行文件夹</translation>
    </message>
    <message>
        <source>Write Setup and Copy Command</source>
        <translation>写入设置并复制命令</translation>
    </message>
    <message>
        <source>Watch the Run Folder</source>
        <translation>监视运行文件夹</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Run Folder</source>
        <translation>运行文件夹</translation>
    </message>
    <message>
        <source>train_ddp.py was not found beside the program or in its source tree; the command names it as examples/pytorch/train_ddp.py would be.</source>
        <translation>在程序旁边和它的源代码目录中都没有找到 train_ddp.py；命令中按 examples/pytorch/train_ddp.py 的位置写出它。</translation>
    </message>
    <message>
        <source>Choose a run folder.</source>
        <translation>请选择运行文件夹。</translation>
    </message>
    <message>
        <source>Wrote %1 and copied the command.</source>
        <translation>已写入 %1，并已复制命令。</translation>
    </message>
    <message>
        <source>Every machine reads the run folder&apos;s setup.json and the data at the same path, and any of them may write the run: put the run folder on a folder all machines share.</source>
        <translation>每台机器都在同一路径读取运行文件夹中的 setup.json 和数据，而且任何一台都可能写出这次运行：请把运行文件夹放在所有机器共享的文件夹中。</translation>
    </message>
</context>
<context>
    <name>studio::ExplanationPanel</name>
    <message>
        <source>Is It an Explanation?</source>
        <translation>这是解释吗？</translation>
    </message>
    <message>
        <source>Computing gradients…</source>
        <translation>正在计算梯度…</translation>
    </message>
    <message>
        <source>Computing occlusion…</source>
        <translation>正在计算遮挡…</translation>
    </message>
    <message>
        <source>Computing integrated gradients…</source>
        <translation>正在计算积分梯度…</translation>
    </message>
    <message>
        <source>Computing faithfulness and interventions…</source>
        <translation>正在计算忠实度和干预…</translation>
    </message>
    <message>
        <source>The open model to explain</source>
        <translation>要解释的已打开模型</translation>
    </message>
    <message>
        <source>Points on the path from the baseline (the pad token, or zeros for a series) to the input</source>
        <translation>从基线（填充词元，序列则为零）到输入的路径上的点数</translation>
    </message>
    <message>
        <source>How many top steps the overlap and the faithfulness curves look at</source>
        <translation>重合度和忠实度曲线考察的前几步数</translation>
    </message>
    <message>
        <source>Export Figure…</source>
        <translation>导出图…</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>IG steps:</source>
        <translation>积分梯度步数：</translation>
    </message>
    <message>
        <source>Top k:</source>
        <translation>前 k：</translation>
    </message>
    <message>
        <source>Open a model and type an input: its attention and each attribution appear here.</source>
        <translation>打开一个模型并输入内容：它的注意力和各种归因会显示在这里。</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Type an input to explain.</source>
        <translation>输入内容以进行解释。</translation>
    </message>
    <message>
        <source>The interventions also run this input&apos;s hidden states with the attention weights of the text typed here (defined for the same number of tokens). Applied on Enter.</source>
        <translation>干预还会用此处输入文本的注意力权重运行本输入的隐藏状态（仅在词元数相同时有定义）。按回车键后生效。</translation>
    </message>
    <message>
        <source>For text models. A series model&apos;s attention is frozen to another window&apos;s on the command line: attention-cli explain --frozen-from-series FILE.</source>
        <translation>仅用于文本模型。序列模型的注意力可在命令行中固定为另一窗口的注意力：attention-cli explain --frozen-from-series FILE。</translation>
    </message>
    <message>
        <source>another text with as many tokens, then Enter</source>
        <translation>词元数相同的另一段文本，然后按回车</translation>
    </message>
    <message>
        <source>Attention from another input:</source>
        <translation>来自另一输入的注意力：</translation>
    </message>
    <message>
        <source>for text models</source>
        <translation>仅用于文本模型</translation>
    </message>
</context>
<context>
    <name>studio::ExplanationRows</name>
    <message>
        <source>%1 (blue) to %2 (red)</source>
        <translation>%1（蓝）到 %2（红）</translation>
    </message>
    <message>
        <source>%1 (dark) to %2 (yellow)</source>
        <translation>%1（深）到 %2（黄）</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>feature</source>
        <translation>特征</translation>
    </message>
</context>
<context>
    <name>studio::FigureExportDialog</name>
    <message>
        <source>Export Figure</source>
        <translation>导出图</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>PNG only: 2 gives twice the pixels in each direction (print, HiDPI).</source>
        <translation>仅用于 PNG：设为 2 时，每个方向的像素数加倍（用于打印、高分屏）。</translation>
    </message>
    <message>
        <source>File (.png, .svg, .pdf)</source>
        <translation>文件（.png、.svg、.pdf）</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>PNG scale</source>
        <translation>PNG 缩放</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>studio::FlawExplanationDialog</name>
    <message>
        <source>Where it comes from: %1</source>
        <translation>出处：%1</translation>
    </message>
    <message>
        <source>The fix</source>
        <translation>修正方法</translation>
    </message>
</context>
<context>
    <name>studio::GateMapView</name>
    <message>
        <source>%1 at step %2 «%3», unit %4 = %5</source>
        <translation>%1 在时间步 %2 «%3»，单元 %4 = %5</translation>
    </message>
    <message>
        <source>input gate: how much of the new candidate g enters the cell</source>
        <translation>输入门：新的候选值 g 有多少写入细胞</translation>
    </message>
    <message>
        <source>forget gate: how much of the previous cell state is kept</source>
        <translation>遗忘门：上一步的细胞状态保留多少</translation>
    </message>
    <message>
        <source>candidate: what this step could write into the cell</source>
        <translation>候选值：这一步可能写入细胞的内容</translation>
    </message>
    <message>
        <source>output gate: how much of tanh(c) becomes h</source>
        <translation>输出门：tanh(c) 有多少成为 h</translation>
    </message>
    <message>
        <source>cell state: c = f ⊙ c(previous) + i ⊙ g</source>
        <translation>细胞状态：c = f ⊙ c(上一步) + i ⊙ g</translation>
    </message>
    <message>
        <source>output: h = o ⊙ tanh(c), what the attention reads</source>
        <translation>输出：h = o ⊙ tanh(c)，即注意力读取的内容</translation>
    </message>
    <message>
        <source>reset gate: how much of the previous h the candidate sees</source>
        <translation>重置门：候选值能看到多少上一步的 h</translation>
    </message>
    <message>
        <source>update gate: how much of the previous h is kept</source>
        <translation>更新门：上一步的 h 保留多少</translation>
    </message>
    <message>
        <source>candidate: the new content</source>
        <translation>候选值：新的内容</translation>
    </message>
    <message>
        <source>output: h = (1 − z) ⊙ n + z ⊙ h(previous), what the attention reads</source>
        <translation>输出：h = (1 − z) ⊙ n + z ⊙ h(上一步)，即注意力读取的内容</translation>
    </message>
    <message>
        <source>One band per gate, each unit a row and each step a column: i (input), f (forget) and o (output) between 0 and 1, the candidate g, the cell state c and the output h. A forget gate near 0 wipes the cell: watch where it happens, and where the attention lands.</source>
        <translation>每个门一条色带，每个单元一行，每个时间步一列：i（输入门）、f（遗忘门）和 o（输出门）在 0 到 1 之间，还有候选值 g、细胞状态 c 和输出 h。遗忘门接近 0 时会清空细胞：看看这发生在哪里，注意力又落在哪里。</translation>
    </message>
    <message>
        <source>One band per gate, each unit a row and each step a column: r (reset) and z (update) between 0 and 1, the candidate n and the output h. An update gate near 0 replaces h with the new candidate: watch where it happens, and where the attention lands.</source>
        <translation>每个门一条色带，每个单元一行，每个时间步一列：r（重置门）和 z（更新门）在 0 到 1 之间，还有候选值 n 和输出 h。更新门接近 0 时 h 会被新的候选值取代：看看这发生在哪里，注意力又落在哪里。</translation>
    </message>
</context>
<context>
    <name>studio::HeatmapPlot</name>
    <message>
        <source>value: %1</source>
        <translation>数值：%1</translation>
    </message>
</context>
<context>
    <name>studio::HeatmapView</name>
    <message>
        <source>%1 − %2: %3</source>
        <translation>%1 − %2：%3</translation>
    </message>
    <message>
        <source>difference</source>
        <translation>差异</translation>
    </message>
</context>
<context>
    <name>studio::InputPanel</name>
    <message>
        <source>Type or paste text: every open model reads it as you type.</source>
        <translation>输入或粘贴文本：所有已打开的模型会随着你的输入实时读取。</translation>
    </message>
    <message>
        <source>Load Series…</source>
        <translation>加载序列…</translation>
    </message>
    <message>
        <source>A CSV with one row per time step and one column per feature.</source>
        <translation>CSV 文件：每行一个时间步，每列一个特征。</translation>
    </message>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n 个字符</numerusform>
        </translation>
    </message>
    <message>
        <source>Load Series</source>
        <translation>加载序列</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt)</source>
        <translation>CSV 文件 (*.csv *.txt)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>%1: %2 steps × %3 features</source>
        <translation>%1：%2 个时间步 × %3 个特征</translation>
    </message>
    <message>
        <source> (left out, not numbers: %1)</source>
        <translation>（已略去非数值列：%1）</translation>
    </message>
    <message>
        <source>Forecasters read the last</source>
        <translation>预测模型读取最后</translation>
    </message>
    <message>
        <source>trained window</source>
        <translation>训练时的窗口</translation>
    </message>
    <message>
        <source> rows</source>
        <translation> 行</translation>
    </message>
    <message>
        <source>0: the window the model was trained with. More rows: a longer look back than it was trained with.</source>
        <translation>0：模型训练时的窗口。更多行：比训练时看得更远。</translation>
    </message>
</context>
<context>
    <name>studio::InsideAttentionPanel</name>
    <message>
        <source> + … (%1 products)</source>
        <translation> + …（共 %1 项乘积）</translation>
    </message>
    <message>
        <source>The step shown (←/→ step through; clicking a token in any view chooses it)</source>
        <translation>当前显示的时间步（←/→ 逐步查看；在任一视图中点击词元即可选中）</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>上一个时间步</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一个时间步</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>时间步：</translation>
    </message>
    <message>
        <source>1. The hidden state hₜ</source>
        <translation>1. 隐藏状态 hₜ</translation>
    </message>
    <message>
        <source>2. The score eₜ</source>
        <translation>2. 得分 eₜ</translation>
    </message>
    <message>
        <source>3. The softmax: from scores to weights</source>
        <translation>3. softmax：从得分到权重</translation>
    </message>
    <message>
        <source>unit d = </source>
        <translation>单元 d = </translation>
    </message>
    <message>
        <source>Per-feature attention has one softmax per unit of hₜ: the unit whose softmax the table shows</source>
        <translation>逐特征注意力对 hₜ 的每个单元各做一次 softmax：表格显示的是哪个单元的 softmax</translation>
    </message>
    <message>
        <source>4. What the step adds: αₜ · hₜ</source>
        <translation>4. 这一步的贡献：αₜ · hₜ</translation>
    </message>
    <message>
        <source>5. The context vector c</source>
        <translation>5. 上下文向量 c</translation>
    </message>
    <message>
        <source>6. The head and the prediction</source>
        <translation>6. 输出层与预测</translation>
    </message>
    <message>
        <source>Open a model and type an input: this view shows how its attention is computed, step by step, with the model&apos;s own numbers.</source>
        <translation>打开一个模型并输入内容：这里会用模型自己的数值，一步一步展示它的注意力是如何计算出来的。</translation>
    </message>
    <message>
        <source>No numbers for %1 yet. The step-through view shows models the app runs itself (trained in Attention Studio); a TorchScript or Keras model runs as its own graph, whose inner quantities the app does not see. Type an input to see a native model&apos;s numbers.</source>
        <translation>%1 还没有数值。逐步视图只能展示由本程序自己运行的模型（在 Attention Studio 中训练的模型）；TorchScript 或 Keras 模型按其自身的计算图运行，程序看不到其中间量。输入内容即可查看本地模型的数值。</translation>
    </message>
    <message>
        <source>«%1»</source>
        <translation>«%1»</translation>
    </message>
    <message>
        <source>«%1» (padding: the softmax gives it no weight)</source>
        <translation>«%1»（填充位：softmax 不给它任何权重）</translation>
    </message>
    <message>
        <source>over the %1 steps</source>
        <translation>（对 %1 个时间步）</translation>
    </message>
    <message>
        <source>over the %1 steps s that step %2 attends to</source>
        <translation>（对时间步 %2 所关注的 %1 个时间步 s）</translation>
    </message>
    <message>
        <source>over the %1 steps, for unit %2</source>
        <translation>（对 %1 个时间步，单元 %2）</translation>
    </message>
    <message>
        <source>The softmax %1: exp of each score, divided by their sum Σ = %2. The largest score (%3) is subtracted first: it cancels in the division, and keeps exp from overflowing.</source>
        <translation>softmax %1：对每个得分取 exp，再除以它们的总和 Σ = %2。先减去最大得分（%3）：它在除法中会被抵消，并能防止 exp 溢出。</translation>
    </message>
    <message>
        <source>Σₛ α(%1, s) · vₛ[%2]: what step %1 gathers from every step</source>
        <translation>Σₛ α(%1, s) · vₛ[%2]：时间步 %1 从每个时间步汇集的信息</translation>
    </message>
    <message>
        <source>What step %1 gathers: Σ&lt;sub&gt;s&lt;/sub&gt; α&lt;sub&gt;t,s&lt;/sub&gt; v&lt;sub&gt;s&lt;/sub&gt;, its weights times every step&apos;s value.</source>
        <translation>时间步 %1 汇集的信息：Σ&lt;sub&gt;s&lt;/sub&gt; α&lt;sub&gt;t,s&lt;/sub&gt; v&lt;sub&gt;s&lt;/sub&gt;，即它的权重乘以每个时间步的值。</translation>
    </message>
    <message>
        <source>α(t, %1) × hₜ[%1]: each unit weighed by its own weight</source>
        <translation>α(t, %1) × hₜ[%1]：每个单元乘以它自己的权重</translation>
    </message>
    <message>
        <source>Each unit of h&lt;sub&gt;t&lt;/sub&gt; times its own weight α&lt;sub&gt;t,d&lt;/sub&gt;.</source>
        <translation>h&lt;sub&gt;t&lt;/sub&gt; 的每个单元乘以它自己的权重 α&lt;sub&gt;t,d&lt;/sub&gt;。</translation>
    </message>
    <message>
        <source>αₜ × hₜ[%1] = %2 × hₜ[%1]</source>
        <translation>αₜ × hₜ[%1] = %2 × hₜ[%1]</translation>
    </message>
    <message>
        <source>h&lt;sub&gt;t&lt;/sub&gt; scaled by its weight α&lt;sub&gt;t&lt;/sub&gt; = &lt;b&gt;%1&lt;/b&gt;: what step %2 adds to the context.</source>
        <translation>h&lt;sub&gt;t&lt;/sub&gt; 乘以它的权重 α&lt;sub&gt;t&lt;/sub&gt; = &lt;b&gt;%1&lt;/b&gt;：这就是时间步 %2 对上下文的贡献。</translation>
    </message>
    <message>
        <source>r[%1] = Σₜ αₜ hₜ[%1], before the tanh</source>
        <translation>r[%1] = Σₜ αₜ hₜ[%1]，取 tanh 之前</translation>
    </message>
    <message>
        <source>c[%1] = tanh(r[%1])</source>
        <translation>c[%1] = tanh(r[%1])</translation>
    </message>
    <message>
        <source>r = Σ&lt;sub&gt;t&lt;/sub&gt; α&lt;sub&gt;t&lt;/sub&gt; h&lt;sub&gt;t&lt;/sub&gt; (upper strip), then c = tanh(r) (lower strip): the tanh of Zhou et al.</source>
        <translation>r = Σ&lt;sub&gt;t&lt;/sub&gt; α&lt;sub&gt;t&lt;/sub&gt; h&lt;sub&gt;t&lt;/sub&gt;（上面一条），然后 c = tanh(r)（下面一条）：Zhou 等人的 tanh。</translation>
    </message>
    <message>
        <source>c[%1]: the mean over all steps of what each gathers</source>
        <translation>c[%1]：所有时间步汇集信息的平均值</translation>
    </message>
    <message>
        <source>The mean, over the %1 steps, of what each step gathers.</source>
        <translation>对 %1 个时间步各自汇集的信息取平均。</translation>
    </message>
    <message>
        <source>c[%1] = Σₜ of entry %1 of section 4 over every step</source>
        <translation>c[%1] = 第 4 部分第 %1 项在所有时间步上的总和</translation>
    </message>
    <message>
        <source>The sum, over all %1 steps, of what each adds (section 4): one vector for the whole input.</source>
        <translation>所有 %1 个时间步的贡献（第 4 部分）之和：整个输入只得到一个向量。</translation>
    </message>
    <message>
        <source>hₜ[%1]: unit %2 of the forward %3&apos;s output at step %4 (it has read steps 1 … %4)</source>
        <translation>hₜ[%1]：前向 %3 在时间步 %4 的输出的第 %2 个单元（它已读过第 1 … %4 步）</translation>
    </message>
    <message>
        <source>hₜ[%1]: unit %2 of the backward %3&apos;s output at step %4 (it has read the steps from the end back to %4)</source>
        <translation>hₜ[%1]：后向 %3 在时间步 %4 的输出的第 %2 个单元（它已从末尾读回到第 %4 步）</translation>
    </message>
    <message>
        <source>hₜ[%1]: unit %1 of the %2&apos;s output at step %3 (it has read steps 1 … %3)</source>
        <translation>hₜ[%1]：%2 在时间步 %3 的输出的第 %1 个单元（它已读过第 1 … %3 步）</translation>
    </message>
    <message>
        <source>%1 numbers: the forward %3&apos;s %2, then the backward %3&apos;s %2 (after the gap). Blue is negative, red positive.</source>
        <translation>%1 个数：前向 %3 的 %2 个，然后是后向 %3 的 %2 个（间隔之后）。蓝色为负，红色为正。</translation>
    </message>
    <message>
        <source>%1 numbers, the %2&apos;s output at this step. Blue is negative, red positive.</source>
        <translation>%1 个数，即 %2 在这一步的输出。蓝色为负，红色为正。</translation>
    </message>
    <message>
        <source>0. Inside the recurrent layer: its gates over time</source>
        <translation>0. 循环层内部：各个门随时间的变化</translation>
    </message>
    <message>
        <source>Forward direction (reads from the first step)</source>
        <translation>前向（从第一步开始读）</translation>
    </message>
    <message>
        <source>Backward direction (reads from the last step)</source>
        <translation>后向（从最后一步开始读）</translation>
    </message>
    <message>
        <source>Σₛ α(%1, s) · hₛ[%2]: what step %1 gathers from every step</source>
        <translation>Σₛ α(%1, s) · hₛ[%2]：时间步 %1 从每个时间步汇集的信息</translation>
    </message>
    <message>
        <source>What step %1 gathers: Σ&lt;sub&gt;s&lt;/sub&gt; α&lt;sub&gt;t,s&lt;/sub&gt; h&lt;sub&gt;s&lt;/sub&gt;, its weights times every step&apos;s state.</source>
        <translation>时间步 %1 汇集的信息：Σ&lt;sub&gt;s&lt;/sub&gt; α&lt;sub&gt;t,s&lt;/sub&gt; h&lt;sub&gt;s&lt;/sub&gt;，即它的权重乘以每个时间步的状态。</translation>
    </message>
    <message>
        <source>c[%1]: the sum over all steps of what each gathers, unit %2</source>
        <translation>c[%1]：所有时间步汇集信息之和，第 %2 个单元</translation>
    </message>
    <message>
        <source>The encoder&apos;s last state, and beside it (Concatenate) the sum over the %1 steps of what each step gathers (K.sum): twice as wide as h&lt;sub&gt;t&lt;/sub&gt;.</source>
        <translation>编码器的最后状态，旁边拼接（Concatenate）%1 个时间步汇集信息之和（K.sum）：宽度是 h&lt;sub&gt;t&lt;/sub&gt; 的两倍。</translation>
    </message>
    <message>
        <source>c[%1]: the encoder&apos;s final state (forward: the last step; backward: step 1), unit %1</source>
        <translation>c[%1]：编码器的最终状态（前向：最后一个时间步；后向：第 1 个时间步），第 %1 个单元</translation>
    </message>
</context>
<context>
    <name>studio::InterruptedRunBar</name>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Go on training from the last saved epoch, as if it had never stopped.</source>
        <translation>从最后保存的一轮继续训练，就像从未中断过一样。</translation>
    </message>
    <message>
        <source>Open the model as it was after its last saved epoch.</source>
        <translation>打开最后保存的那一轮结束时的模型。</translation>
    </message>
    <message>
        <source>Do not offer this run again; its files stay in the runs folder.</source>
        <translation>不再提示此训练运行；其文件仍保留在运行文件夹中。</translation>
    </message>
    <message>
        <source>The training run &lt;b&gt;%1&lt;/b&gt; was interrupted after epoch %2 of %3.</source>
        <translation>训练运行 &lt;b&gt;%1&lt;/b&gt; 在第 %2 轮（共 %3 轮）之后中断。</translation>
    </message>
    <message>
        <source>The training run &lt;b&gt;%1&lt;/b&gt; was interrupted before its first epoch ended.</source>
        <translation>训练运行 &lt;b&gt;%1&lt;/b&gt; 在第一轮结束前中断。</translation>
    </message>
    <message numerus="yes">
        <source>(%n more interrupted run(s) in the runs folder.)</source>
        <translation>
            <numerusform>（运行文件夹中还有 %n 个中断的训练运行。）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>studio::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Change Language</source>
        <translation>切换语言</translation>
    </message>
    <message>
        <source>Attention Studio restarts to speak %1; the open models are opened again. Restart now?</source>
        <translation>Attention Studio 需要重新启动才能切换为%1，已打开的模型会重新打开。现在重新启动吗？</translation>
    </message>
</context>
<context>
    <name>studio::LessonPanel</name>
    <message>
        <source>Train This Lesson&apos;s Model</source>
        <translation>训练本课的模型</translation>
    </message>
    <message>
        <source>The training panel takes the lesson&apos;s settings and data and trains with its seed; the model then joins the others with the lesson&apos;s input</source>
        <translation>训练面板会采用本课的设置和数据，并用本课的随机种子训练；之后模型会带着本课的输入加入其他模型</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Choose a lesson. Each trains a small model with a fixed seed, so every learner gets the same one, and says what it computes, what to watch and what it gets wrong. Five follow the Chinese tutorials (000 to 004); one has a known answer.&lt;/p&gt;</source>
        <translation>&lt;p&gt;选择一课。每一课都用固定的随机种子训练一个小模型，所以每位学习者得到的是同一个模型；每课都会说明它计算什么、要观察什么、它错在哪里。其中五课对应中文教程（000 至 004）；一课的答案是已知的。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open This Lesson&apos;s Models</source>
        <translation>打开本课的模型</translation>
    </message>
</context>
<context>
    <name>studio::MainWindow</name>
    <message>
        <source>Attention Studio</source>
        <translation>Attention Studio</translation>
    </message>
    <message>
        <source>Open a model, train one, or drop a file onto the window.</source>
        <translation>打开模型、训练模型，或将文件拖放到窗口中。</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Attention During Training</source>
        <translation>训练中的注意力</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Stop training</source>
        <translation>停止训练</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Models (*.asmodel *.pt *.pth *.ts *.h5 *.hdf5 *.keras);;Attention Studio models (*.asmodel);;TorchScript (*.pt *.pth *.ts);;Keras (*.h5 *.hdf5 *.keras);;All files (*)</source>
        <translation>模型 (*.asmodel *.pt *.pth *.ts *.h5 *.hdf5 *.keras);;Attention Studio 模型 (*.asmodel);;TorchScript (*.pt *.pth *.ts);;Keras (*.h5 *.hdf5 *.keras);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open &amp;Run Folder…</source>
        <translation>打开运行文件夹(&amp;R)…</translation>
    </message>
    <message>
        <source>Open Run Folder</source>
        <translation>打开运行文件夹</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open &amp;Training Data…</source>
        <translation>打开训练数据(&amp;T)…</translation>
    </message>
    <message>
        <source>Training Data</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>Text data (*.csv *.tsv *.json *.jsonl *.txt)</source>
        <translation>文本数据 (*.csv *.tsv *.json *.jsonl *.txt)</translation>
    </message>
    <message>
        <source>Evaluate &amp;Samples</source>
        <translation>评估样本(&amp;S)</translation>
    </message>
    <message>
        <source>Open a model trained in the app first: its samples are scored on the training panel&apos;s data.</source>
        <translation>请先打开一个在本应用中训练的模型：样本评估使用训练面板中的数据。</translation>
    </message>
    <message>
        <source>Open &amp;Latest Checkpoint</source>
        <translation>打开最新检查点(&amp;L)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save Trained Model As…</source>
        <translation>将训练好的模型另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export Figure…</source>
        <translation>导出图(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Export C&amp;urves Figure…</source>
        <translation>导出曲线图(&amp;U)…</translation>
    </message>
    <message>
        <source>Export &amp;Timeline Figure…</source>
        <translation>导出时间线图(&amp;T)…</translation>
    </message>
    <message>
        <source>Export &amp;Weights…</source>
        <translation>导出注意力权重(&amp;W)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Export &amp;Curves…</source>
        <translation>导出曲线数据(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Close All Models</source>
        <translation>关闭所有模型(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause / Resume</source>
        <translation>暂停/继续(&amp;P)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Open the &amp;Demo</source>
        <translation>打开演示(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;About Attention Studio</source>
        <translation>关于 Attention Studio(&amp;A)</translation>
    </message>
    <message>
        <source>About Attention Studio</source>
        <translation>关于 Attention Studio</translation>
    </message>
    <message>
        <source>Attention Studio shows what attention does inside LSTM models: open or train a model, type an input, and see the weight of every step.</source>
        <translation>Attention Studio 展示注意力在 LSTM 模型内部的作用：打开或训练一个模型，输入内容，即可看到每个时间步的权重。</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Opened %1: %2</source>
        <translation>已打开 %1：%2</translation>
    </message>
    <message>
        <source>Cannot Open the Model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>Cannot Use the Formula</source>
        <translation>无法使用该公式</translation>
    </message>
    <message>
        <source>%1 reads its attention layer as it does by default again.</source>
        <translation>%1 已恢复按默认方式读取其注意力层。</translation>
    </message>
    <message>
        <source>%1 now reads its attention layer as %2.</source>
        <translation>%1 现在按 %2 读取其注意力层。</translation>
    </message>
    <message>
        <source>Reopening %1…</source>
        <translation>正在重新打开 %1…</translation>
    </message>
    <message>
        <source>New checkpoint %1 (File ▸ Open Latest Checkpoint)</source>
        <translation>新检查点 %1（文件 ▸ 打开最新检查点）</translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation>运行 %1：%2</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Watching %1</source>
        <translation>正在监视 %1</translation>
    </message>
    <message>
        <source>%1 no longer exists.</source>
        <translation>%1 已不存在。</translation>
    </message>
    <message>
        <source>Input: %1</source>
        <translation>输入：%1</translation>
    </message>
    <message>
        <source>Training data: %1 (name the column to forecast, then Train ▸ Start)</source>
        <translation>训练数据：%1（请填写要预测的列，然后选择“训练 ▸ 开始”）</translation>
    </message>
    <message>
        <source>Training data: %1 (Train ▸ Start)</source>
        <translation>训练数据：%1（训练 ▸ 开始）</translation>
    </message>
    <message>
        <source>This build has no demo model.</source>
        <translation>此版本不含演示模型。</translation>
    </message>
    <message>
        <source>There is no figure to export yet: open a model and type an input.</source>
        <translation>还没有可导出的图：请先打开模型并输入内容。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save Trained Model</source>
        <translation>保存训练好的模型</translation>
    </message>
    <message>
        <source>Attention Studio models (*.asmodel)</source>
        <translation>Attention Studio 模型 (*.asmodel)</translation>
    </message>
    <message>
        <source>There are no attention weights to export yet.</source>
        <translation>还没有可导出的注意力权重。</translation>
    </message>
    <message>
        <source>Export Weights</source>
        <translation>导出注意力权重</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Export Curves</source>
        <translation>导出曲线数据</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Inside the Attention</source>
        <translation>注意力内部</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>This build has no %1.</source>
        <translation>此版本不含 %1。</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>&amp;User Guide</source>
        <translation>使用指南(&amp;U)</translation>
    </message>
    <message>
        <source>Attention Studio User Guide</source>
        <translation>Attention Studio 使用指南</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Train with &amp;torchrun…</source>
        <translation>用 &amp;torchrun 训练…</translation>
    </message>
</context>
<context>
    <name>studio::ModelResultView</name>
    <message>
        <source>Attention:</source>
        <translation>注意力：</translation>
    </message>
    <message>
        <source>Which softmax of the model to show as its attention</source>
        <translation>将模型中的哪个 softmax 显示为注意力</translation>
    </message>
    <message>
        <source>Layout:</source>
        <translation>布局：</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Batch-first</source>
        <translation>批次维在前</translation>
    </message>
    <message>
        <source>Time-major</source>
        <translation>时间维在前</translation>
    </message>
    <message>
        <source>Formula:</source>
        <translation>公式：</translation>
    </message>
    <message>
        <source>How the custom attention layer is read: its weights fit more than one formula</source>
        <translation>如何解读自定义注意力层：其权重符合不止一种公式</translation>
    </message>
    <message>
        <source>Type some text, or load a series, to see this model&apos;s attention.</source>
        <translation>输入一些文本或加载一个序列，即可查看此模型的注意力。</translation>
    </message>
    <message>
        <source>Prediction: &lt;b&gt;%1&lt;/b&gt; (probability %2)</source>
        <translation>预测：&lt;b&gt;%1&lt;/b&gt;（概率 %2）</translation>
    </message>
    <message>
        <source>Forecast: &lt;b&gt;%1&lt;/b&gt; (model output %2)</source>
        <translation>预测值：&lt;b&gt;%1&lt;/b&gt;（模型输出 %2）</translation>
    </message>
    <message>
        <source>Output: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>输出：&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source> &amp;nbsp;·&amp;nbsp; %1 ms</source>
        <translation> &amp;nbsp;·&amp;nbsp; 用时 %1 ms</translation>
    </message>
    <message>
        <source>How the sequence is fed to the model</source>
        <translation>序列输入模型时的维度顺序</translation>
    </message>
    <message>
        <source>This model shows no attention (%1).</source>
        <translation>此模型没有可显示的注意力（%1）。</translation>
    </message>
    <message>
        <source>first that fits (#%1)</source>
        <translation>首个匹配项（#%1）</translation>
    </message>
    <message>
        <source>first that fits</source>
        <translation>首个匹配项</translation>
    </message>
    <message>
        <source>Why? %1</source>
        <translation>为什么？%1</translation>
    </message>
</context>
<context>
    <name>studio::PresentationMode</name>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen, large type and thick lines for a projector; Page Down / Page Up step through the input, Ctrl+Page Down / Up through the epochs, Alt+Page Down / Up through the lessons; F11 or Escape leaves it</source>
        <translation>全屏、大字号、粗线条，适合投影；Page Down / Page Up 逐个时间步切换，Ctrl+Page Down / Up 逐轮切换，Alt+Page Down / Up 逐课切换；按 F11 或 Esc 退出</translation>
    </message>
</context>
<context>
    <name>studio::SampleBrowser</name>
    <message>
        <source>All examples</source>
        <translation>全部样本</translation>
    </message>
    <message>
        <source>Wrong only</source>
        <translation>仅预测错误</translation>
    </message>
    <message>
        <source>Correct only</source>
        <translation>仅预测正确</translation>
    </message>
    <message>
        <source>Which examples the table shows</source>
        <translation>表格中显示哪些样本</translation>
    </message>
    <message>
        <source>No evaluation yet.</source>
        <translation>尚未评估。</translation>
    </message>
    <message>
        <source>%v of %m examples</source>
        <translation>%v / %m 个样本</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop; the examples evaluated so far stay in the table</source>
        <translation>停止评估；已评估的样本会保留在表格中</translation>
    </message>
    <message>
        <source>Click a row to see its attention.</source>
        <translation>点击某一行即可查看其注意力。</translation>
    </message>
    <message>
        <source>Evaluating %1 on %2…</source>
        <translation>正在用 %2 评估 %1…</translation>
    </message>
    <message>
        <source>Cancelled after %1 of %2 examples of %3</source>
        <translation>已取消：%3 的 %2 个样本中已评估 %1 个</translation>
    </message>
    <message>
        <source>The first %1 of %2 examples of %3</source>
        <translation>%3 的 %2 个样本中的前 %1 个</translation>
    </message>
    <message>
        <source>1 example of %1</source>
        <translation>%1 的 1 个样本</translation>
    </message>
    <message>
        <source>%1 examples of %2</source>
        <translation>%2 的 %1 个样本</translation>
    </message>
    <message>
        <source>model %1</source>
        <translation>模型 %1</translation>
    </message>
    <message>
        <source>accuracy %1 % (%2 right, %3 wrong)</source>
        <translation>准确率 %1%（正确 %2 个，错误 %3 个）</translation>
    </message>
    <message>
        <source>mean loss %1</source>
        <translation>平均损失 %1</translation>
    </message>
    <message>
        <source>mean squared error %1</source>
        <translation>均方误差 %1</translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>显示 %1 个</translation>
    </message>
    <message>
        <source>Example %1: target %2, predicted %3, squared error %4</source>
        <translation>样本 %1：目标 %2，预测 %3，平方误差 %4</translation>
    </message>
    <message>
        <source>Example %1 %2: true %3, predicted %4 (%5), loss %6</source>
        <translation>样本 %1 %2：真实 %3，预测 %4（%5），损失 %6</translation>
    </message>
    <message>
        <source> — computing its attention…</source>
        <translation>——正在计算其注意力…</translation>
    </message>
    <message>
        <source> — this model has no attention</source>
        <translation>——此模型没有注意力</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>解释</translation>
    </message>
    <message>
        <source>Is the attention an explanation? Compare it with gradient and occlusion on every example in the table, on a worker thread</source>
        <translation>注意力是解释吗？在工作线程上把表中每个样本的注意力与梯度和遮挡作比较</translation>
    </message>
    <message>
        <source>with integrated gradients</source>
        <translation>包括积分梯度</translation>
    </message>
    <message>
        <source>Also compare with integrated gradients (slower: %1 passes per example)</source>
        <translation>同时与积分梯度比较（较慢：每个样本要运行 %1 次）</translation>
    </message>
    <message>
        <source>Medians over the explained examples, lower and upper quartiles in brackets</source>
        <translation>已解释样本的中位数，方括号内为下四分位数和上四分位数</translation>
    </message>
    <message>
        <source>Explaining %1 examples…</source>
        <translation>正在解释 %1 个样本…</translation>
    </message>
    <message>
        <source>Cancelled after explaining %1 of %2 examples</source>
        <translation>已取消：%2 个样本中解释了 %1 个</translation>
    </message>
    <message>
        <source>%1 examples explained</source>
        <translation>已解释 %1 个样本</translation>
    </message>
    <message>
        <source>%1 without a step the model reads skipped</source>
        <translation>跳过了 %1 个没有模型可读时间步的样本</translation>
    </message>
    <message>
        <source>gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>occlusion</source>
        <translation>遮挡</translation>
    </message>
    <message>
        <source>integrated gradients</source>
        <translation>积分梯度</translation>
    </message>
    <message>
        <source>τ with %1 %2</source>
        <translation>与%1的 τ %2</translation>
    </message>
    <message>
        <source>top-%1 overlap with %2 %3</source>
        <translation>与%2的前 %1 重合度 %3</translation>
    </message>
    <message>
        <source>attention&apos;s AOPC over random %1</source>
        <translation>注意力的 AOPC 减随机 %1</translation>
    </message>
    <message>
        <source>top step on a deciding step: attention %1, occlusion %2 (of %3)</source>
        <translation>最高步落在决定性时间步上：注意力 %1，遮挡 %2（共 %3 个）</translation>
    </message>
</context>
<context>
    <name>studio::SampleTableModel</name>
    <message>
        <source>Probability of the predicted class %1: %2
Probability of the true class %3: %4</source>
        <translation>预测类别 %1 的概率：%2
真实类别 %3 的概率：%4</translation>
    </message>
    <message>
        <source>Cross-entropy of the true class: −log %1</source>
        <translation>真实类别的交叉熵：−log %1</translation>
    </message>
    <message>
        <source>Squared error, averaged over the outputs</source>
        <translation>各输出平方误差的平均值</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>True</source>
        <translation>真实</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>The example&apos;s position in the data, from 1</source>
        <translation>样本在数据中的位置，从 1 开始</translation>
    </message>
    <message>
        <source>Probability the model gives its predicted class</source>
        <translation>模型给出的预测类别概率</translation>
    </message>
    <message>
        <source>The loss the model trains with, for this example alone</source>
        <translation>模型训练所用的损失，仅针对此样本计算</translation>
    </message>
    <message>
        <source>Prediction right (✓) or wrong (✗)</source>
        <translation>预测正确（✓）或错误（✗）</translation>
    </message>
    <message>
        <source>Undefined: the attention or this method gives every step the same score</source>
        <translation>无定义：注意力或该方法给每个时间步的分数都相同</translation>
    </message>
    <message>
        <source>τ gradient</source>
        <translation>τ 梯度</translation>
    </message>
    <message>
        <source>τ occlusion</source>
        <translation>τ 遮挡</translation>
    </message>
    <message>
        <source>τ IG</source>
        <translation>τ 积分梯度</translation>
    </message>
    <message>
        <source>Top-%1 gradient</source>
        <translation>前 %1 梯度</translation>
    </message>
    <message>
        <source>Top-%1 occlusion</source>
        <translation>前 %1 遮挡</translation>
    </message>
    <message>
        <source>Top-%1 IG</source>
        <translation>前 %1 积分梯度</translation>
    </message>
    <message>
        <source>AOPC − random</source>
        <translation>AOPC − 随机</translation>
    </message>
    <message>
        <source>Attention&apos;s top</source>
        <translation>注意力最高步</translation>
    </message>
    <message>
        <source>Occlusion&apos;s top</source>
        <translation>遮挡最高步</translation>
    </message>
    <message>
        <source>Kendall&apos;s τ between the attention weights and this method&apos;s per-step magnitudes: 1 the same order, 0 unrelated, −1 reversed</source>
        <translation>注意力权重与该方法各时间步幅值之间的 Kendall τ：1 表示顺序相同，0 表示无关，−1 表示顺序相反</translation>
    </message>
    <message>
        <source>Share of the %1 most attended steps that are among this method&apos;s %1 largest</source>
        <translation>注意力最高的 %1 个时间步中，同样位于该方法最大的 %1 个之内的比例</translation>
    </message>
    <message>
        <source>How much more the score drops when the most attended steps are removed than when as many random steps are (AOPC comprehensiveness, attention minus random); above 0, the attention found steps the score rests on</source>
        <translation>去掉注意力最高的时间步时，分数比去掉同样多随机时间步时多下降多少（AOPC 全面性，注意力减随机）；大于 0 说明注意力找到了分数所依赖的时间步</translation>
    </message>
    <message>
        <source>Whether the most attended step is one of the steps that decide the label (✓) or not (✗); empty where the data does not say which steps decide</source>
        <translation>注意力最高的时间步是否是决定标签的时间步之一（✓）或不是（✗）；数据未说明哪些时间步起决定作用时留空</translation>
    </message>
    <message>
        <source>Whether the step whose removal changes the score most is one of the steps that decide the label</source>
        <translation>去掉后分数变化最大的时间步是否是决定标签的时间步之一</translation>
    </message>
</context>
<context>
    <name>studio::SeriesAttentionView</name>
    <message>
        <source>feature %1</source>
        <translation>特征 %1</translation>
    </message>
    <message>
        <source>step %1
weight %2</source>
        <translation>时间步 %1
权重 %2</translation>
    </message>
    <message>
        <source>steps %1–%2
largest weight %3, at step %4</source>
        <translation>时间步 %1–%2
最大权重 %3，位于时间步 %4</translation>
    </message>
    <message>
        <source>time step</source>
        <translation>时间步</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Per-feature attention: one strip row per feature</source>
        <translation>逐特征注意力：每个特征一行色带</translation>
    </message>
    <message>
        <source>feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <source> (steps %1–%2)</source>
        <translation>（时间步 %1–%2）</translation>
    </message>
</context>
<context>
    <name>studio::SessionFiles</name>
    <message>
        <source>Open Sess&amp;ion…</source>
        <translation>打开会话(&amp;I)…</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Attention Studio sessions (*.assession)</source>
        <translation>Attention Studio 会话 (*.assession)</translation>
    </message>
    <message>
        <source>Save Session &amp;As…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save Session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>One file with the open models, the input, the chosen step and the view: open it to get this screen back</source>
        <translation>一个文件包含打开的模型、输入、选中的时间步和视图设置：打开它即可恢复当前画面</translation>
    </message>
</context>
<context>
    <name>studio::SoftmaxTableModel</name>
    <message>
        <source>Step</source>
        <translation>时间步</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>The sum of the exp column: the softmax&apos;s denominator</source>
        <translation>exp 这一列的总和：softmax 的分母</translation>
    </message>
    <message>
        <source>The weights sum to 1: a distribution over the steps</source>
        <translation>权重之和为 1：这是各时间步上的一个分布</translation>
    </message>
    <message>
        <source>The score of step %1 (section 2)</source>
        <translation>时间步 %1 的得分（第 2 部分）</translation>
    </message>
    <message>
        <source>Padding: masked, so exp gives exactly 0</source>
        <translation>填充位：已被掩码，所以 exp 的结果恰好为 0</translation>
    </message>
    <message>
        <source>exp(%1 − %2) = %3</source>
        <translation>exp(%1 − %2) = %3</translation>
    </message>
    <message>
        <source>%1 / %2 = %3: the weight of step %4 (the model&apos;s own softmax output)</source>
        <translation>%1 / %2 = %3：时间步 %4 的权重（模型自己的 softmax 输出）</translation>
    </message>
</context>
<context>
    <name>studio::TokenAttentionView</name>
    <message>
        <source>weight: %1</source>
        <translation>权重：%1</translation>
    </message>
    <message>
        <source>rank: %1 of %2</source>
        <translation>排名：%1 / %2</translation>
    </message>
    <message>
        <source>token id: %1</source>
        <translation>词元 ID：%1</translation>
    </message>
    <message>
        <source>position: %1</source>
        <translation>位置：%1</translation>
    </message>
    <message>
        <source>▲ this word decides the label (known for this task)</source>
        <translation>▲ 这个词决定了标签（本任务的答案已知）</translation>
    </message>
</context>
<context>
    <name>studio::TrainingPanel</name>
    <message>
        <source>CSV, TSV, JSON, JSONL or a folder per class</source>
        <translation>CSV、TSV、JSON、JSONL，或每个类别一个文件夹</translation>
    </message>
    <message>
        <source>Neutral class (both classes need the deciding step)</source>
        <translation>中性类别（使两个类别都必须找到起决定作用的时间步）</translation>
    </message>
    <message>
        <source>column to forecast</source>
        <translation>要预测的列</translation>
    </message>
    <message>
        <source>input columns, comma separated (default: the target)</source>
        <translation>输入列，用逗号分隔（默认：目标列）</translation>
    </message>
    <message>
        <source>Past steps each forecast sees: the steps the attention spreads over.</source>
        <translation>每次预测能看到的过去时间步数，即注意力分布的范围。</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>序列长度</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标列</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入列</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Horizon</source>
        <translation>预测步长</translation>
    </message>
    <message>
        <source>Bidirectional</source>
        <translation>双向</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>单元类型</translation>
    </message>
    <message>
        <source>Hidden units</source>
        <translation>隐藏单元数</translation>
    </message>
    <message>
        <source>Embedding</source>
        <translation>嵌入维度</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>丢弃率 (Dropout)</translation>
    </message>
    <message>
        <source>each epoch</source>
        <translation>每轮</translation>
    </message>
    <message>
        <source>Record the probes&apos; attention every N steps (0: at the end of each epoch).</source>
        <translation>每 N 步记录一次观察样本的注意力（0：每轮结束时记录）。</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批次大小</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Attention every</source>
        <translation>注意力记录间隔</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start training (F5)</source>
        <translation>开始训练（F5）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Each run keeps its model file here, saved after every epoch.</source>
        <translation>每次训练运行都把模型文件保存在这里，每轮结束后保存一次。</translation>
    </message>
    <message>
        <source>Training Data</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>Series (*.csv *.tsv *.txt)</source>
        <translation>序列 (*.csv *.tsv *.txt)</translation>
    </message>
    <message>
        <source>Text data (*.csv *.tsv *.json *.jsonl *.txt)</source>
        <translation>文本数据 (*.csv *.tsv *.json *.jsonl *.txt)</translation>
    </message>
    <message>
        <source>Reading the data: %1 of %2 MB…</source>
        <translation>正在读取数据：%1 / %2 MB…</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <source>Interrupted after epoch %1; not resumed.</source>
        <translation>在第 %1 轮之后中断，未继续。</translation>
    </message>
    <message>
        <source>Choose a file to train on, or a built-in task.</source>
        <translation>请选择用于训练的文件，或选择一个内置任务。</translation>
    </message>
    <message>
        <source>Name the column to forecast (Target).</source>
        <translation>请填写要预测的列（目标列）。</translation>
    </message>
    <message>
        <source>Preparing %1…</source>
        <translation>正在准备 %1…</translation>
    </message>
    <message>
        <source>Resuming %1 after epoch %2…</source>
        <translation>正在从第 %2 轮之后继续 %1…</translation>
    </message>
    <message>
        <source>Runs: &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;</source>
        <translation>运行文件夹：&lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>将在当前步结束后停止…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Epoch %1/%2 · step %3 · loss %4</source>
        <translation>第 %1/%2 轮 · 第 %3 步 · 损失 %4</translation>
    </message>
    <message>
        <source> · validation loss %1</source>
        <translation> · 验证损失 %1</translation>
    </message>
    <message>
        <source>keyword</source>
        <translation>关键词</translation>
    </message>
    <message>
        <source>spike</source>
        <translation>尖峰</translation>
    </message>
    <message>
        <source>adding</source>
        <translation>加法</translation>
    </message>
    <message>
        <source>text file</source>
        <translation>文本文件</translation>
    </message>
    <message>
        <source>series file</source>
        <translation>序列文件</translation>
    </message>
    <message>
        <source>lstm</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <source>gru</source>
        <translation>GRU</translation>
    </message>
    <message>
        <source>Train with torchrun…</source>
        <translation>用 torchrun 训练…</translation>
    </message>
    <message>
        <source>Train these settings on several processes or machines with PyTorch (torchrun).</source>
        <translation>用 PyTorch（torchrun）在多个进程或多台机器上按这些设置训练。</translation>
    </message>
    <message>
        <source>one per core</source>
        <translation>每核一个</translation>
    </message>
    <message>
        <source>Copies of the model that each train on a share of every batch, one thread each. The same seed and threads give the same run, bit for bit.</source>
        <translation>模型的多个副本各用一个线程，分别训练每个批次的一部分。相同的随机种子和线程数给出逐位相同的训练结果。</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程</translation>
    </message>
</context>
<context>
    <name>studio::render</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>the token text</source>
        <translation>词元文本</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>No difference row for %1 and %2: %3</source>
        <translation>无法为 %1 和 %2 画出差值行：%3</translation>
    </message>
    <message>
        <source>Figures are drawn with widgets, which need a QApplication.</source>
        <translation>图由控件绘制，需要 QApplication。</translation>
    </message>
    <message>
        <source>There is no model answer to draw.</source>
        <translation>没有可绘制的模型结果。</translation>
    </message>
    <message>
        <source>The series view draws the input series, and there is none.</source>
        <translation>序列视图绘制输入序列，但没有输入序列。</translation>
    </message>
    <message>
        <source>There is no view called &quot;%1&quot;.</source>
        <translation>没有名为“%1”的视图。</translation>
    </message>
    <message>
        <source>--compare draws one attention row per model: leave out --view, or give --view row.</source>
        <translation>--compare 为每个模型绘制一行注意力：去掉 --view，或使用 --view row。</translation>
    </message>
    <message>
        <source>--view series draws the input series under its attention: give the series with --series FILE.csv.</source>
        <translation>--view series 在注意力下方绘制输入序列：请用 --series FILE.csv 给出序列。</translation>
    </message>
    <message>
        <source>The figure is too short for %1: it needs %2 pixels and gets %3, so it is cut off; give a larger --height, or leave --height out.</source>
        <translation>图的高度不足以容纳%1：需要 %2 像素，只有 %3 像素，因此被截断；请给更大的 --height，或不指定 --height。</translation>
    </message>
    <message>
        <source>--view explain needs an input the model reads: the input is empty.</source>
        <translation>--view explain 需要模型能读取的输入：输入为空。</translation>
    </message>
</context>
</TS>
