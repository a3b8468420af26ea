<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AlertList</name>
    <message>
        <source>No alerts.</source>
        <translation>没有告警。</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Hint: %1</source>
        <translation>提示：%1</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <source>Open a file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>Open a CSV, TSV or JSONL file (Ctrl+O)</source>
        <translation>打开 CSV、TSV 或 JSONL 文件（Ctrl+O）</translation>
    </message>
    <message>
        <source>or try a sample:</source>
        <translation>或试试示例：</translation>
    </message>
    <message>
        <source>You can also drop a file anywhere on this page.</source>
        <translation>也可以把文件拖到本页任意位置。</translation>
    </message>
    <message>
        <source>No file open.</source>
        <translation>尚未打开文件。</translation>
    </message>
    <message>
        <source>Share of the training rows held out to evaluate the model (ignored when a dev file is given)</source>
        <translation>从训练数据中留出用于评估模型的比例（指定了验证集文件时不使用）</translation>
    </message>
    <message>
        <source>optional: a separate dev file</source>
        <translation>可选：单独的验证集文件</translation>
    </message>
    <message>
        <source>optional: a test file</source>
        <translation>可选：测试集文件</translation>
    </message>
    <message>
        <source>Columns and split</source>
        <translation>列与划分</translation>
    </message>
    <message>
        <source>Text column</source>
        <translation>文本列</translation>
    </message>
    <message>
        <source>Label column</source>
        <translation>标签列</translation>
    </message>
    <message>
        <source>Dev split</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>Dev file</source>
        <translation>验证集文件</translation>
    </message>
    <message>
        <source>Test file</source>
        <translation>测试集文件</translation>
    </message>
    <message>
        <source>Train with this dataset →</source>
        <translation>用这个数据集训练 →</translation>
    </message>
    <message>
        <source>Examples per label</source>
        <translation>各标签样本数</translation>
    </message>
    <message>
        <source>Text length (characters)</source>
        <translation>文本长度（字符）</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Text tables (*.csv *.tsv *.jsonl *.txt *.json);;All files (*)</source>
        <translation>文本表格 (*.csv *.tsv *.jsonl *.txt *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open a dataset</source>
        <translation>打开数据集</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 rows · %3 · %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 行 · %3 · %4</translation>
    </message>
    <message>
        <source>The text and label columns are the same.</source>
        <translation>文本列和标签列相同。</translation>
    </message>
    <message>
        <source>Choose the column with the sentences as text, and the one with the classes as label.</source>
        <translation>请把包含句子的列设为文本列，把包含类别的列设为标签列。</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; usable examples, %2 labels: %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 条可用样本，%2 个标签：%3</translation>
    </message>
    <message>
        <source>length: median %1, 95%: %2 characters; suggested max length %3</source>
        <translation>长度：中位数 %1，95% 分位 %2 个字符；建议最大长度 %3</translation>
    </message>
    <message numerus="yes">
        <source>&lt;span style=&apos;color:#b3261e&apos;&gt;%n row(s) rejected: see Problems&lt;/span&gt;</source>
        <translation>
            <numerusform>&lt;span style=&apos;color:#b3261e&apos;&gt;%n 行被拒绝：见“问题”&lt;/span&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: only one label (%2) in the column %3.</source>
        <translation>%1：列 %3 中只有一个标签（%2）。</translation>
    </message>
    <message>
        <source>A classifier needs examples of at least two labels; check the label column.</source>
        <translation>分类器至少需要两个标签的样本；请检查标签列。</translation>
    </message>
    <message>
        <source>%1 examples · %2 labels</source>
        <translation>%1 条样本 · %2 个标签</translation>
    </message>
</context>
<context>
    <name>EvalReport</name>
    <message>
        <source>The report appears when an evaluation has run.</source>
        <translation>评估完成后在这里显示报告。</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>各类别</translation>
    </message>
    <message>
        <source>Confusion matrix (rows: true label, columns: predicted)</source>
        <translation>混淆矩阵（行：真实标签，列：预测标签）</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>accuracy %1</source>
        <translation>准确率 %1</translation>
    </message>
    <message>
        <source>macro-F1 %1</source>
        <translation>宏 F1 %1</translation>
    </message>
    <message>
        <source>loss %1</source>
        <translation>损失 %1</translation>
    </message>
    <message>
        <source>Evaluation on %1: </source>
        <translation>在 %1 上评估：</translation>
    </message>
</context>
<context>
    <name>GpuCard</name>
    <message>
        <source>Util %p %</source>
        <translation>利用率 %p %</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>功耗</translation>
    </message>
    <message>
        <source>SM / memory clock</source>
        <translation>SM / 显存频率</translation>
    </message>
    <message>
        <source>Fan</source>
        <translation>风扇</translation>
    </message>
    <message>
        <source>Performance state</source>
        <translation>性能状态</translation>
    </message>
    <message>
        <source>Util %1 %</source>
        <translation>利用率 %1 %</translation>
    </message>
    <message>
        <source>N/A (not supported)</source>
        <translation>N/A（不支持）</translation>
    </message>
</context>
<context>
    <name>GpuPicker</name>
    <message>
        <source>No GPU: training runs on the CPU.</source>
        <translation>没有 GPU：训练在 CPU 上运行。</translation>
    </message>
    <message>
        <source>%1 free of %2</source>
        <translation>%2 中空闲 %1</translation>
    </message>
    <message>
        <source>GPU %1 has %2 free</source>
        <translation>GPU %1 空闲 %2</translation>
    </message>
    <message>
        <source>The model needs about %1 per GPU: </source>
        <translation>该模型每块 GPU 约需 %1：</translation>
    </message>
    <message>
        <source>Choose another GPU, a smaller batch or a shorter max length.</source>
        <translation>请换一块 GPU，或减小批大小、缩短最大长度。</translation>
    </message>
</context>
<context>
    <name>GpuUtilStrip</name>
    <message>
        <source>GPU utilization (%)</source>
        <translation>GPU 利用率（%）</translation>
    </message>
</context>
<context>
    <name>HistoryCharts</name>
    <message>
        <source>Utilization</source>
        <translation>利用率</translation>
    </message>
    <message>
        <source>Memory used</source>
        <translation>显存占用</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>功耗</translation>
    </message>
    <message>
        <source>seconds ago</source>
        <translation>秒前</translation>
    </message>
</context>
<context>
    <name>LogConsole</name>
    <message>
        <source>Search the log (Enter: next)</source>
        <translation>搜索日志（回车：下一个）</translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation>全部复制</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message numerus="yes">
        <source>… %n earlier line(s) not shown (the full log is train.log in the run folder)</source>
        <translation>
            <numerusform>… 省略了 %n 行较早的日志（完整日志见运行目录中的 train.log）</numerusform>
        </translation>
    </message>
    <message>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>监控</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>GPUs: …</source>
        <translation>GPU：…</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>工作区：%1</translation>
    </message>
    <message>
        <source>local</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Docker</source>
        <translation>Docker</translation>
    </message>
    <message>
        <source>Runner: %1</source>
        <translation>运行方式：%1</translation>
    </message>
    <message>
        <source>GPUs: %1</source>
        <translation>GPU：%1</translation>
    </message>
    <message>
        <source>Reattached to run %1, still training.</source>
        <translation>已重新连接到仍在训练的运行 %1。</translation>
    </message>
</context>
<context>
    <name>MonitorPage</name>
    <message>
        <source>Looking for GPUs…</source>
        <translation>正在查找 GPU…</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>采样率</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>时间窗口</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>Sampling failed: %1</source>
        <translation>采样失败：%1</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>数据源：%1</translation>
    </message>
    <message>
        <source>Stop and save…</source>
        <translation>停止并保存…</translation>
    </message>
    <message>
        <source>Save the GPU recording</source>
        <translation>保存 GPU 录制</translation>
    </message>
    <message>
        <source>Saved %1 samples to %2</source>
        <translation>已将 %1 个采样保存到 %2</translation>
    </message>
    <message>
        <source>No GPU readings to show.</source>
        <translation>没有可显示的 GPU 读数。</translation>
    </message>
    <message>
        <source>No GPU</source>
        <translation>没有 GPU</translation>
    </message>
    <message>
        <source>1 min</source>
        <translation>1 分钟</translation>
    </message>
    <message>
        <source>5 min</source>
        <translation>5 分钟</translation>
    </message>
    <message>
        <source>15 min</source>
        <translation>15 分钟</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 小时</translation>
    </message>
</context>
<context>
    <name>MonitorPlaceholder</name>
    <message>
        <source>The GPU monitor is not available in this build.</source>
        <translation>此版本不包含 GPU 监控。</translation>
    </message>
</context>
<context>
    <name>PredictPage</name>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>Use an export folder from elsewhere</source>
        <translation>使用其他位置的导出文件夹</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Type a sentence, e.g. 这家餐厅的服务非常好</source>
        <translation>输入一句话，例如：这家餐厅的服务非常好</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Tried sentences</source>
        <translation>试过的句子</translation>
    </message>
    <message>
        <source>Predict a file…</source>
        <translation>预测整个文件…</translation>
    </message>
    <message>
        <source>Save as CSV…</source>
        <translation>另存为 CSV…</translation>
    </message>
    <message>
        <source>Choose a CSV, TSV or JSONL file with a text column.</source>
        <translation>选择一个含文本列的 CSV、TSV 或 JSONL 文件。</translation>
    </message>
    <message>
        <source>Whole file</source>
        <translation>整个文件</translation>
    </message>
    <message>
        <source>No exported model yet: train one first, or pick a folder.</source>
        <translation>还没有导出的模型：请先训练一个，或选择一个文件夹。</translation>
    </message>
    <message>
        <source>Choose an export folder</source>
        <translation>选择导出文件夹</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>Ready · labels: %1</source>
        <translation>就绪 · 标签：%1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>Predict a file</source>
        <translation>预测文件</translation>
    </message>
    <message>
        <source>Text tables (*.csv *.tsv *.jsonl *.txt);;All files (*)</source>
        <translation>文本表格 (*.csv *.tsv *.jsonl *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Predicting %1…</source>
        <translation>正在预测 %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) predicted.</source>
        <translation>
            <numerusform>已预测 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Save predictions</source>
        <translation>保存预测结果</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>ProcessTable</name>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>显存</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Runs in</source>
        <translation>运行位置</translation>
    </message>
    <message>
        <source>container %1</source>
        <translation>容器 %1</translation>
    </message>
    <message>
        <source>local process</source>
        <translation>本机进程</translation>
    </message>
    <message>
        <source>not ours</source>
        <translation>非本应用</translation>
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>created</source>
        <translation>已创建</translation>
    </message>
</context>
<context>
    <name>RunsPage</name>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Compare selected</source>
        <translation>对比所选</translation>
    </message>
    <message>
        <source>Overlay the curves of the selected runs</source>
        <translation>叠加显示所选运行的曲线</translation>
    </message>
    <message>
        <source>Watch live</source>
        <translation>实时查看</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Try the model</source>
        <translation>试用模型</translation>
    </message>
    <message>
        <source>Export again</source>
        <translation>重新导出</translation>
    </message>
    <message>
        <source>Write the run&apos;s exported model again from its best checkpoint</source>
        <translation>用该运行的最佳检查点重新生成导出的模型</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>No runs yet. Start one on the Train page.</source>
        <translation>还没有运行记录。请在“训练”页开始一次训练。</translation>
    </message>
    <message>
        <source>Select a run and press Open, or select several and Compare.</source>
        <translation>选中一个运行并点“打开”，或选中多个并点“对比所选”。</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Reading run %1…</source>
        <translation>正在读取运行 %1…</translation>
    </message>
    <message>
        <source>Run %1 · %2 · %3 · %4</source>
        <translation>运行 %1 · %2 · %3 · %4</translation>
    </message>
    <message numerus="yes">
        <source>Comparing %n run(s)</source>
        <translation>
            <numerusform>正在对比 %n 个运行</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting run %1 again from its best checkpoint…</source>
        <translation>正在用最佳检查点重新导出运行 %1…</translation>
    </message>
    <message>
        <source>Run %1: writing the exported model…</source>
        <translation>运行 %1：正在写入导出的模型…</translation>
    </message>
    <message>
        <source>Run %1 exported again to %2</source>
        <translation>运行 %1 已重新导出到 %2</translation>
    </message>
    <message>
        <source>A running run cannot be deleted.</source>
        <translation>正在运行的训练不能删除。</translation>
    </message>
    <message>
        <source>Stop it first.</source>
        <translation>请先停止它。</translation>
    </message>
    <message>
        <source>A run being exported again cannot be deleted.</source>
        <translation>正在重新导出的运行不能删除。</translation>
    </message>
    <message>
        <source>Wait for its export to finish.</source>
        <translation>请等待导出完成。</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>删除运行记录</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) and all their files (checkpoints, exported model)?</source>
        <translation>
            <numerusform>删除 %n 个运行及其全部文件（检查点、导出的模型）？</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SamplerController</name>
    <message>
        <source>check the file or the driver</source>
        <translation>请检查文件或驱动程序</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <source>Workspace (where runs are kept)</source>
        <translation>工作区（保存运行记录的位置）</translation>
    </message>
    <message>
        <source>Docker</source>
        <translation>Docker</translation>
    </message>
    <message>
        <source>default: DOCKER_HOST or the local socket</source>
        <translation>默认：DOCKER_HOST 或本机套接字</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>Base image</source>
        <translation>基础镜像</translation>
    </message>
    <message>
        <source>Not checked yet.</source>
        <translation>尚未检查。</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Check engine</source>
        <translation>检查引擎</translation>
    </message>
    <message>
        <source>Pull base image</source>
        <translation>拉取基础镜像</translation>
    </message>
    <message>
        <source>Build trainer image</source>
        <translation>构建训练镜像</translation>
    </message>
    <message>
        <source>Remove old trainer images</source>
        <translation>删除旧的训练镜像</translation>
    </message>
    <message>
        <source>Choose the workspace folder</source>
        <translation>选择工作区文件夹</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Base image ready.</source>
        <translation>基础镜像已就绪。</translation>
    </message>
    <message>
        <source>Trainer image ready: %1</source>
        <translation>训练镜像已就绪：%1</translation>
    </message>
    <message>
        <source>Removed %1 image(s), freed %2 GiB.</source>
        <translation>已删除 %1 个镜像，释放 %2 GiB。</translation>
    </message>
</context>
<context>
    <name>TrainPage</name>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>No dataset yet: choose one on the Data page.</source>
        <translation>尚未选择数据集：请在“数据”页选择。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>Quick</source>
        <translation>快速</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>均衡</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <source>Advanced settings</source>
        <translation>高级设置</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>each epoch</source>
        <translation>每轮</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>macro-F1</source>
        <translation>宏 F1</translation>
    </message>
    <message>
        <source>mixed precision (GPU)</source>
        <translation>混合精度（GPU）</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>Stop after steps</source>
        <translation>最多步数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Max text length</source>
        <translation>最大文本长度</translation>
    </message>
    <message>
        <source>Warm-up ratio</source>
        <translation>预热比例</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>Evaluate every (steps)</source>
        <translation>评估间隔（步）</translation>
    </message>
    <message>
        <source>Log every (steps)</source>
        <translation>记录间隔（步）</translation>
    </message>
    <message>
        <source>Early stopping patience</source>
        <translation>早停耐心值</translation>
    </message>
    <message>
        <source>Best model by</source>
        <translation>最佳模型依据</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Where to train</source>
        <translation>训练位置</translation>
    </message>
    <message>
        <source>This computer (local)</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Docker container</source>
        <translation>Docker 容器</translation>
    </message>
    <message>
        <source>Runner</source>
        <translation>运行方式</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Looking for GPUs…</source>
        <translation>正在查找 GPU…</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Start training (Ctrl+Enter)</source>
        <translation>开始训练（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop and keep a checkpoint (Ctrl+.)</source>
        <translation>停止并保存检查点（Ctrl+.）</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue from the last checkpoint (Ctrl+R)</source>
        <translation>从最近的检查点继续（Ctrl+R）</translation>
    </message>
    <message>
        <source>Run on CPU instead</source>
        <translation>改用 CPU 运行</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>%1 参数</translation>
    </message>
    <message>
        <source>GPU memory ≈ %1</source>
        <translation>显存 ≈ %1</translation>
    </message>
    <message>
        <source>Needs about %1 of GPU memory at this batch size.</source>
        <translation>此批大小下约需 %1 显存。</translation>
    </message>
    <message>
        <source>GPU %1: %2 (%3 free)</source>
        <translation>GPU %1：%2（空闲 %3）</translation>
    </message>
    <message numerus="yes">
        <source>All %n GPU(s)</source>
        <translation>
            <numerusform>全部 %n 块 GPU</numerusform>
        </translation>
    </message>
    <message>
        <source>No GPU: training runs on the CPU. %1</source>
        <translation>没有 GPU：训练在 CPU 上运行。%1</translation>
    </message>
    <message numerus="yes">
        <source>%n GPU(s) found.</source>
        <translation>
            <numerusform>找到 %n 块 GPU。</numerusform>
        </translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Choose a dataset first.</source>
        <translation>请先选择数据集。</translation>
    </message>
    <message>
        <source>Open a file on the Data page, or pick a sample dataset there.</source>
        <translation>请在“数据”页打开文件，或选择一个示例数据集。</translation>
    </message>
    <message>
        <source>Change the settings above and start again.</source>
        <translation>请修改上面的设置后重新开始。</translation>
    </message>
    <message>
        <source>The run has not stopped yet.</source>
        <translation>运行尚未停止。</translation>
    </message>
    <message>
        <source>Press Stop again; its log below may say what it is doing.</source>
        <translation>请再次点击“停止”；下方日志可能说明它正在做什么。</translation>
    </message>
    <message>
        <source>Stop or finish the current run first.</source>
        <translation>请先停止当前运行或等待其完成。</translation>
    </message>
    <message>
        <source>The Train page follows one run at a time; run %1 is still going.</source>
        <translation>训练页面一次只跟踪一个运行；运行 %1 仍在进行。</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>step %1 / %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>预计剩余 %1</translation>
    </message>
    <message>
        <source>%1 samples/s</source>
        <translation>%1 样本/秒</translation>
    </message>
    <message>
        <source>best %1 %2</source>
        <translation>最佳 %1 %2</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>准备中</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>Evaluating</source>
        <translation>评估中</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>导出中</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>TrainingCharts</name>
    <message>
        <source>Loss (train / eval)</source>
        <translation>损失（训练 / 验证）</translation>
    </message>
    <message>
        <source>Accuracy / macro-F1 (eval)</source>
        <translation>准确率 / 宏 F1（验证）</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Samples per second</source>
        <translation>每秒样本数</translation>
    </message>
    <message>
        <source>Loss (solid: train, dashed: eval)</source>
        <translation>损失（实线：训练，虚线：验证）</translation>
    </message>
    <message>
        <source>Accuracy (solid) / macro-F1 (dashed)</source>
        <translation>准确率（实线）/ 宏 F1（虚线）</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>eval loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>macro-F1</source>
        <translation>宏 F1</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>samples/s</source>
        <translation>样本/秒</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>Bag of words</source>
        <translation>词袋模型</translation>
    </message>
    <message>
        <source>Averages character embeddings; the simplest baseline.</source>
        <translation>对字向量取平均；最简单的基线模型。</translation>
    </message>
    <message>
        <source>seconds per epoch on a CPU</source>
        <translation>CPU 上每轮只需几秒</translation>
    </message>
    <message>
        <source>fastText (char n-grams)</source>
        <translation>fastText（字符 n-gram）</translation>
    </message>
    <message>
        <source>Averages embeddings of characters and hashed 2-/3-character n-grams; fast and strong on short reviews. Recommended first model.</source>
        <translation>对单字和哈希后的二字、三字 n-gram 向量取平均；速度快，短评效果好。推荐先试这个模型。</translation>
    </message>
    <message>
        <source>Char CNN</source>
        <translation>字符 CNN</translation>
    </message>
    <message>
        <source>Convolutions of widths 2-4 over characters, max-pooled.</source>
        <translation>在字符上做宽度 2–4 的卷积，再取最大池化。</translation>
    </message>
    <message>
        <source>about a minute per epoch of 10k sentences on a CPU</source>
        <translation>CPU 上每 1 万句一轮约一分钟</translation>
    </message>
    <message>
        <source>BiLSTM</source>
        <translation>BiLSTM</translation>
    </message>
    <message>
        <source>Bidirectional LSTM over characters, mean-pooled.</source>
        <translation>基于字符的双向 LSTM，取平均池化。</translation>
    </message>
    <message>
        <source>minutes per epoch on a CPU; faster on a GPU</source>
        <translation>CPU 上每轮需几分钟；GPU 上更快</translation>
    </message>
    <message>
        <source>ERNIE 3.0 Nano</source>
        <translation>ERNIE 3.0 Nano</translation>
    </message>
    <message>
        <source>Smallest pretrained ERNIE 3.0 (4 layers, 312 wide).</source>
        <translation>最小的 ERNIE 3.0 预训练模型（4 层，隐藏维度 312）。</translation>
    </message>
    <message>
        <source>GPU recommended; a CPU manages small datasets</source>
        <translation>建议用 GPU；小数据集用 CPU 也能训练</translation>
    </message>
    <message>
        <source>ERNIE 3.0 Micro</source>
        <translation>ERNIE 3.0 Micro</translation>
    </message>
    <message>
        <source>Pretrained ERNIE 3.0, 4 layers, 384 wide.</source>
        <translation>ERNIE 3.0 预训练模型，4 层，隐藏维度 384。</translation>
    </message>
    <message>
        <source>GPU recommended</source>
        <translation>建议用 GPU</translation>
    </message>
    <message>
        <source>ERNIE 3.0 Mini</source>
        <translation>ERNIE 3.0 Mini</translation>
    </message>
    <message>
        <source>Pretrained ERNIE 3.0, 6 layers, 384 wide.</source>
        <translation>ERNIE 3.0 预训练模型，6 层，隐藏维度 384。</translation>
    </message>
    <message>
        <source>ERNIE 3.0 Medium</source>
        <translation>ERNIE 3.0 Medium</translation>
    </message>
    <message>
        <source>Pretrained ERNIE 3.0, 6 layers, 768 wide: high accuracy at moderate cost.</source>
        <translation>ERNIE 3.0 预训练模型，6 层，隐藏维度 768：准确率高，开销适中。</translation>
    </message>
    <message>
        <source>GPU needed</source>
        <translation>需要 GPU</translation>
    </message>
    <message>
        <source>ERNIE 3.0 Base</source>
        <translation>ERNIE 3.0 Base</translation>
    </message>
    <message>
        <source>Pretrained ERNIE 3.0, 12 layers, 768 wide: the most accurate.</source>
        <translation>ERNIE 3.0 预训练模型，12 层，隐藏维度 768：准确率最高。</translation>
    </message>
    <message>
        <source>ERNIE 1.0</source>
        <translation>ERNIE 1.0</translation>
    </message>
    <message>
        <source>The original Chinese ERNIE, 12 layers, 768 wide.</source>
        <translation>最早的中文 ERNIE，12 层，隐藏维度 768。</translation>
    </message>
    <message>
        <source>ERNIE tiny (test)</source>
        <translation>ERNIE tiny（测试用）</translation>
    </message>
    <message>
        <source>2 layers, 64 wide, built from config; for tests.</source>
        <translation>2 层，隐藏维度 64，按配置构建；仅供测试。</translation>
    </message>
    <message>
        <source>中文评论情感 / Chinese review sentiment</source>
        <translation>中文评论情感</translation>
    </message>
    <message>
        <source>Short Chinese reviews of restaurants, hotels, online shopping and films, labelled 负面/正面 (negative/positive); balanced; 700 train / 150 dev / 150 test.</source>
        <translation>餐馆、酒店、网购和电影的中文短评，标注为负面/正面；两类数量均衡；训练 700 条 / 验证 150 条 / 测试 150 条。</translation>
    </message>
    <message>
        <source>中文新闻标题分类 / Chinese headline topics</source>
        <translation>中文新闻标题分类</translation>
    </message>
    <message>
        <source>Chinese news headlines in four topics: 体育 sports, 财经 finance, 科技 tech, 娱乐 entertainment; 200 train / 50 dev / 50 test.</source>
        <translation>中文新闻标题，分四个主题：体育、财经、科技、娱乐；训练 200 条 / 验证 50 条 / 测试 50 条。</translation>
    </message>
    <message>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>preparing</source>
        <translation>准备中</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>evaluating</source>
        <translation>评估中</translation>
    </message>
    <message>
        <source>exporting</source>
        <translation>导出中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>macro_f1</source>
        <translation>宏 F1</translation>
    </message>
</context>
<context>
    <name>workers</name>
    <message>
        <source>close other programs or choose a smaller batch size</source>
        <translation>关闭其他程序，或选择更小的批大小</translation>
    </message>
    <message>
        <source>check the path and that you may read it</source>
        <translation>请检查路径以及是否有读取权限</translation>
    </message>
    <message>
        <source>the file is not readable as text (%1)</source>
        <translation>该文件无法按文本读取（%1）</translation>
    </message>
    <message>
        <source>save it as UTF-8 (or GB18030) text</source>
        <translation>请将其另存为 UTF-8（或 GB18030）文本</translation>
    </message>
</context>
</TS>
