<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
</context>
<context>
    <name>studio::SeriesAttentionView</name>
    <message>
        <source>feature %1</source>
        <translation>特征 %1</translation>
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
        <source>additive</source>
        <translation>加性 (additive)</translation>
    </message>
    <message>
        <source>dot</source>
        <translation>点积 (dot)</translation>
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
        <source>per-feature</source>
        <translation>逐特征 (per-feature)</translation>
    </message>
    <message>
        <source>self</source>
        <translation>自注意力 (self)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>lstm</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <source>gru</source>
        <translation>GRU</translation>
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
</context>
</TS>
