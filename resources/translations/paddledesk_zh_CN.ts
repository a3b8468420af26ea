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
    <name>CompareReport</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Dev loss</source>
        <translation>验证集损失</translation>
    </message>
    <message>
        <source>At step</source>
        <translation>所在步数</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Macro F1</source>
        <translation>Macro F1</translation>
    </message>
    <message>
        <source>no evaluation</source>
        <translation>无评估</translation>
    </message>
    <message>
        <source>Each run&apos;s best evaluation on the dev set (by its own metric).</source>
        <translation>每次运行在验证集上的最佳评估（按该运行自己的指标）。</translation>
    </message>
    <message>
        <source>No evaluation yet: %1. A run is evaluated every few steps and at the end of each epoch; Resume a stopped run to get one.</source>
        <translation>尚无评估：%1。运行每隔几步以及每轮结束时评估一次；继续已停止的运行即可得到评估。</translation>
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
        <source>Could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
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
        <source>warning: %1</source>
        <translation>警告：%1</translation>
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
    <name>DevicesMixin</name>
    <message>
        <source>Needs about %1 of GPU memory at this batch size.</source>
        <translation>按此批大小约需 %1 显存。</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
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
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
</context>
<context>
    <name>DockerActions</name>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Checking this computer…</source>
        <translation>正在检查这台电脑…</translation>
    </message>
    <message>
        <source>next: Build trainer image (it adds PaddleNLP to the base, a few minutes)</source>
        <translation>下一步：构建训练镜像（在基础镜像上加入 PaddleNLP，需要几分钟）</translation>
    </message>
    <message>
        <source>next: Pull base image, then Build trainer image; without internet, Load image from file… (saved on a connected computer)</source>
        <translation>下一步：拉取基础镜像，然后构建训练镜像；没有网络时，从文件载入镜像…（在联网的电脑上保存）</translation>
    </message>
    <message>
        <source>Pulling…</source>
        <translation>正在拉取…</translation>
    </message>
    <message>
        <source>Base image ready.</source>
        <translation>基础镜像已就绪。</translation>
    </message>
    <message>
        <source>Building…</source>
        <translation>正在构建…</translation>
    </message>
    <message>
        <source>Trainer image ready: %1</source>
        <translation>训练镜像已就绪：%1</translation>
    </message>
    <message>
        <source>Removed %1 image(s), freed %2 GiB.</source>
        <translation>已删除 %1 个镜像，释放 %2 GiB。</translation>
    </message>
    <message>
        <source>Compressed image (*.tar.gz)</source>
        <translation>压缩镜像（*.tar.gz）</translation>
    </message>
    <message>
        <source>Image archive (*.tar)</source>
        <translation>镜像归档（*.tar）</translation>
    </message>
    <message>
        <source>Save image to file</source>
        <translation>将镜像保存到文件</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
    <message>
        <source>Saved: %1 MiB</source>
        <translation>已保存：%1 MiB</translation>
    </message>
    <message>
        <source>Saved %1 to %2 (%3 MiB). On the other computer: Load image from file….</source>
        <translation>已将 %1 保存到 %2（%3 MiB）。在另一台电脑上：从文件载入镜像…。</translation>
    </message>
    <message>
        <source>Load image from file</source>
        <translation>从文件载入镜像</translation>
    </message>
    <message>
        <source>Image archives (*.tar *.tar.gz *.tgz)</source>
        <translation>镜像归档（*.tar *.tar.gz *.tgz）</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件（*）</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在载入 %1…</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>已载入</translation>
    </message>
    <message>
        <source>Loaded: %1</source>
        <translation>已载入：%1</translation>
    </message>
</context>
<context>
    <name>DockerSettings</name>
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
        <source>Check this computer</source>
        <translation>检查这台电脑</translation>
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
        <source>Save image to file…</source>
        <translation>将镜像保存到文件…</translation>
    </message>
    <message>
        <source>Load image from file…</source>
        <translation>从文件载入镜像…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>? = not confirmed</source>
        <translation>? = 未经确认</translation>
    </message>
    <message>
        <source>Base image</source>
        <translation>基础镜像</translation>
    </message>
    <message>
        <source>Looking at this computer&apos;s GPUs…</source>
        <translation>正在查看这台电脑的 GPU…</translation>
    </message>
    <message>
        <source>(reading the GPUs…)</source>
        <translation>（正在读取 GPU…）</translation>
    </message>
    <message>
        <source>Suggested for this computer: %1</source>
        <translation>为这台电脑推荐：%1</translation>
    </message>
    <message>
        <source>Docker Hub</source>
        <translation>Docker Hub</translation>
    </message>
    <message>
        <source>Paddle mirror (%1)</source>
        <translation>Paddle 镜像站（%1）</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <source>host[:port][/prefix], e.g. mirror.example.com:5000</source>
        <translation>主机[:端口][/前缀]，例如 mirror.example.com:5000</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>镜像仓库</translation>
    </message>
    <message>
        <source>default: pip&apos;s index</source>
        <translation>默认：pip 的软件包索引</translation>
    </message>
    <message>
        <source>The package index pip uses when the trainer image is built (e.g. a mirror of the default index).</source>
        <translation>构建训练镜像时 pip 使用的软件包索引（例如默认索引的镜像站）。</translation>
    </message>
    <message>
        <source>Package index</source>
        <translation>软件包索引</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a package index address: write an http:// or https:// URL, e.g. https://mirrors.example.com/pypi/simple, or leave it empty for pip&apos;s index.</source>
        <translation>“%1”不是软件包索引地址：请填写 http:// 或 https:// 网址，例如 https://mirrors.example.com/pypi/simple，或留空以使用 pip 的默认索引。</translation>
    </message>
    <message>
        <source>not a valid image name: %1</source>
        <translation>不是有效的镜像名称：%1</translation>
    </message>
</context>
<context>
    <name>DoctorLines</name>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>有问题</translation>
    </message>
    <message>
        <source>cannot tell</source>
        <translation>无法判断</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>解决办法：%1</translation>
    </message>
</context>
<context>
    <name>EngineChoice</name>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>Where a Docker run trains: this computer, or an engine added in Settings → Docker → Engines</source>
        <translation>Docker 运行在哪里训练：本机，或在“设置 → Docker → 引擎”中添加的引擎</translation>
    </message>
</context>
<context>
    <name>EnginesSection</name>
    <message>
        <source>Engines</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>Train on another computer&apos;s Docker: ssh://user@host (your ssh keys and known hosts) or tcp://host:2376 with the engine&apos;s TLS client certificates. Runs there keep their folder in a volume on that computer; the app copies the log, the events and the export back.</source>
        <translation>在另一台电脑的 Docker 上训练：ssh://user@host（使用你的 ssh 密钥和已知主机），或 tcp://host:2376 加上该引擎的 TLS 客户端证书。在那里的运行把文件夹保存在那台电脑的卷中；本应用会把日志、事件和导出的模型复制回来。</translation>
    </message>
    <message>
        <source>name, e.g. gpu-server</source>
        <translation>名称，例如 gpu-server</translation>
    </message>
    <message>
        <source>TLS folder (ca.pem, cert.pem, key.pem) for tcp://</source>
        <translation>tcp:// 所用的 TLS 文件夹（ca.pem、cert.pem、key.pem）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接方式</translation>
    </message>
    <message>
        <source>this computer&apos;s socket</source>
        <translation>本机的套接字</translation>
    </message>
    <message>
        <source>tcp (loopback)</source>
        <translation>tcp（本机回环）</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>Folder with ca.pem, cert.pem and key.pem</source>
        <translation>包含 ca.pem、cert.pem 和 key.pem 的文件夹</translation>
    </message>
    <message>
        <source>Added %1. Check it to see its GPUs and disk.</source>
        <translation>已添加 %1。检查它即可看到它的 GPU 和磁盘。</translation>
    </message>
    <message>
        <source>This computer&apos;s engine stays in the list.</source>
        <translation>本机的引擎始终保留在列表中。</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>正在检查 %1…</translation>
    </message>
</context>
<context>
    <name>EstimateMixin</name>
    <message>
        <source>%1 parameters for this dataset</source>
        <translation>此数据集下 %1 个参数</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>%1 个参数</translation>
    </message>
    <message>
        <source>GPU memory ≈ %1</source>
        <translation>显存 ≈ %1</translation>
    </message>
    <message>
        <source>No pretrained weights here: this trains from random weights, expect much lower accuracy — import weights or connect</source>
        <translation>这台电脑上没有预训练权重：将从随机权重开始训练，准确率会低很多——请导入权重或连接网络</translation>
    </message>
    <message>
        <source>The expected training time appears once a dataset is chosen.</source>
        <translation>选择数据集后会显示预计训练时间。</translation>
    </message>
    <message>
        <source>a GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>the CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>speed measured in run %1</source>
        <translation>速度来自运行 %1 的实测</translation>
    </message>
    <message>
        <source>catalogue speed</source>
        <translation>目录中的速度</translation>
    </message>
    <message>
        <source>Expected time on %1: ≈ %2 (%3 samples/s, %4)</source>
        <translation>在 %1 上预计用时：≈ %2（每秒 %3 个样本，%4）</translation>
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
        <source>the dev set</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>the test set</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>the training set</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>Evaluation on %1: </source>
        <translation>在%1上评估：</translation>
    </message>
</context>
<context>
    <name>FilePredictionTab</name>
    <message>
        <source>Predict a file…</source>
        <translation>预测文件…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save as CSV…</source>
        <translation>另存为 CSV…</translation>
    </message>
    <message>
        <source>Choose a CSV, TSV or JSONL file with a text column; a label column, when there is one, is compared with the predictions.</source>
        <translation>选择带文本列的 CSV、TSV 或 JSONL 文件；如果有标签列，会与预测结果对比。</translation>
    </message>
    <message>
        <source>Predict a file</source>
        <translation>预测文件</translation>
    </message>
    <message>
        <source>Text tables (*.csv *.tsv *.jsonl *.txt);;All files (*)</source>
        <translation>文本表格（*.csv *.tsv *.jsonl *.txt）;;所有文件（*）</translation>
    </message>
    <message>
        <source>Predicting %1…</source>
        <translation>正在预测 %1…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>%1 rows: %2 predicted, %3 could not be read (see the problem column).</source>
        <translation>共 %1 行：已预测 %2 行，%3 行无法读取（见问题列）。</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) predicted.</source>
        <translation>
            <numerusform>已预测 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>The column %1 holds none of the model&apos;s labels: no accuracy.</source>
        <translation>列 %1 中没有模型的任何标签：无法计算准确率。</translation>
    </message>
    <message>
        <source>Accuracy against the file&apos;s labels (column %1, shown as true_label): %2 % (%3 of %4 rows right).</source>
        <translation>与文件自带标签（列 %1，显示为 true_label）相比的准确率：%2 %（%4 行中对了 %3 行）。</translation>
    </message>
    <message>
        <source>Cancelled after %1 of %2 rows: nothing was saved.</source>
        <translation>在 %2 行中的第 %1 行后取消：未保存任何内容。</translation>
    </message>
    <message>
        <source>Save predictions</source>
        <translation>保存预测结果</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV（*.csv）</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
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
        <source>Compute capability</source>
        <translation>计算能力</translation>
    </message>
    <message>
        <source>Driver / CUDA</source>
        <translation>驱动 / CUDA</translation>
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
        <source>CC %1</source>
        <translation>计算能力 %1</translation>
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
    <name>JobFormMixin</name>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>No dataset yet: choose one on the Data page.</source>
        <translation>还没有数据集：请在“数据”页选择一个。</translation>
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
        <translation>macro-F1</translation>
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
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;this run&apos;s dataset</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;本次运行的数据集</translation>
    </message>
    <message>
        <source>next run: %1</source>
        <translation>下一次运行：%1</translation>
    </message>
</context>
<context>
    <name>LiveViewMixin</name>
    <message>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>Accuracy at chance level: the model learned nothing useful (best accuracy %1; always answering “%2” scores %3).</source>
        <translation>准确率只相当于随机猜测：模型没有学到有用的东西（最佳准确率 %1；一律回答“%2”也能得到 %3）。</translation>
    </message>
    <message>
        <source>This ERNIE model started from random weights: import its pretrained weights (or connect to the internet), or try fastText.</source>
        <translation>这个 ERNIE 模型是从随机权重开始训练的：请导入它的预训练权重（或连接网络），或者试试 fastText。</translation>
    </message>
    <message>
        <source>Try fastText, more epochs, a larger learning rate or more examples.</source>
        <translation>试试 fastText、更多训练轮数、更大的学习率或更多样本。</translation>
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
        <translation>每秒 %1 个样本</translation>
    </message>
    <message>
        <source>best %1 %2</source>
        <translation>最佳 %1 %2</translation>
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
    <name>ModelsSettings</name>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Pretrained model</source>
        <translation>预训练模型</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>在这台电脑上</translation>
    </message>
    <message>
        <source>Import pretrained model…</source>
        <translation>导入预训练模型…</translation>
    </message>
    <message>
        <source>From a folder…</source>
        <translation>从文件夹…</translation>
    </message>
    <message>
        <source>From a .zip or .tar.gz file…</source>
        <translation>从 .zip 或 .tar.gz 文件…</translation>
    </message>
    <message>
        <source>Export model for another computer…</source>
        <translation>导出模型给另一台电脑…</translation>
    </message>
    <message>
        <source>available offline</source>
        <translation>可离线使用</translation>
    </message>
    <message>
        <source>needs download</source>
        <translation>需要下载</translation>
    </message>
    <message>
        <source>This model&apos;s weights are not on this computer.</source>
        <translation>这个模型的权重不在这台电脑上。</translation>
    </message>
    <message>
        <source>Choose the model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Choose the model archive</source>
        <translation>选择模型压缩包</translation>
    </message>
    <message>
        <source>Model archives (%1)</source>
        <translation>模型压缩包 (%1)</translation>
    </message>
    <message>
        <source>Imported %1: it trains from these weights with no network.</source>
        <translation>已导入 %1：无需网络即可从这些权重开始训练。</translation>
    </message>
    <message>
        <source>Export model for another computer</source>
        <translation>导出模型给另一台电脑</translation>
    </message>
    <message>
        <source>Wrote %1: import it on the other computer (Settings → Models).</source>
        <translation>已写入 %1：请在另一台电脑上导入（设置 → 模型）。</translation>
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
        <source>Record the readings of this session to a file that paddledesk monitor --replay plays back</source>
        <translation>把本次的读数录制到文件，可用 paddledesk monitor --replay 回放</translation>
    </message>
    <message>
        <source>a recording (replay)</source>
        <translation>录制的数据（回放）</translation>
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
        <source>Nothing was recorded: no GPU readings arrived.</source>
        <translation>什么也没有录下：没有收到 GPU 读数。</translation>
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
        <source>Nothing to record: this computer has no NVIDIA GPU to read.</source>
        <translation>没有可录制的内容：这台电脑没有可读取的 NVIDIA GPU。</translation>
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
        <source>Type a sentence first</source>
        <translation>请先输入一句话</translation>
    </message>
    <message>
        <source>Type a sentence first.</source>
        <translation>请先输入一句话。</translation>
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
</context>
<context>
    <name>PredictionResult</name>
    <message>
        <source>Type a sentence and press Predict: the label and the score of every class appear here.</source>
        <translation>输入一句话并按“预测”：标签和每个类别的得分会显示在这里。</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>Most characters (%1) are unknown to this model: the label is a guess.</source>
        <translation>大部分字符（%1）是这个模型不认识的：这个标签只是猜测。</translation>
    </message>
    <message>
        <source>Only the first %1 of %2 characters were read; the rest did not count.</source>
        <translation>只读取了 %2 个字符中的前 %1 个；其余部分不计入。</translation>
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
    <name>RunDeleter</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>合计：%1</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>删除运行记录</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) with all their files (checkpoints, exported model, log)?</source>
        <translation>
            <numerusform>删除 %n 条运行记录及其全部文件（检查点、导出的模型、日志）吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>They go to the workspace&apos;s trash: Undo brings them back, and the trash is emptied after %1 days.</source>
        <translation>它们会被移到工作区的回收站：“撤销”可以恢复，回收站会在 %1 天后清空。</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n run(s)</source>
        <translation>
            <numerusform>已删除 %n 条运行记录</numerusform>
        </translation>
    </message>
    <message>
        <source>moved to the trash; Undo brings them back.</source>
        <translation>已移到回收站；“撤销”可以恢复。</translation>
    </message>
    <message numerus="yes">
        <source>Restored %n run(s)</source>
        <translation>
            <numerusform>已恢复 %n 条运行记录</numerusform>
        </translation>
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
    <message>
        <source>Find good settings %1 · trial %2 of %3</source>
        <translation>寻找最佳设置 %1 · 第 %2 次尝试，共 %3 次</translation>
    </message>
    <message>
        <source> · the best</source>
        <translation> · 最佳</translation>
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
        <source>Choose the workspace folder</source>
        <translation>选择工作区文件夹</translation>
    </message>
</context>
<context>
    <name>SweepMixin</name>
    <message>
        <source>Find good settings</source>
        <translation>寻找最佳设置</translation>
    </message>
    <message>
        <source>Try a few learning rates and epoch counts within the time box and keep the best run</source>
        <translation>在限定时间内尝试几种学习率和训练轮数，保留最好的一次运行</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>At most this long for the whole search</source>
        <translation>整个搜索最多用这么长时间</translation>
    </message>
    <message>
        <source>Finding good settings…</source>
        <translation>正在寻找最佳设置…</translation>
    </message>
    <message>
        <source>Trial %1 of %2</source>
        <translation>第 %1 次尝试，共 %2 次</translation>
    </message>
    <message>
        <source>lr %1 × %2 epochs</source>
        <translation>学习率 %1 × %2 轮</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>dev %1 %2</source>
        <translation>验证集%1 %2</translation>
    </message>
    <message>
        <source>Trial %1 of %2 · run %3</source>
        <translation>第 %1 次尝试，共 %2 次 · 运行 %3</translation>
    </message>
    <message>
        <source>Sweep stopped</source>
        <translation>搜索已停止</translation>
    </message>
    <message>
        <source>Sweep finished</source>
        <translation>搜索已完成</translation>
    </message>
    <message>
        <source>Stopped before a trial finished: no settings were kept.</source>
        <translation>在任何一次尝试完成之前就停止了：没有保留设置。</translation>
    </message>
    <message>
        <source>The stopped trial is on the Runs page; Resume it there.</source>
        <translation>停止的尝试在“运行记录”页面，可以在那里继续。</translation>
    </message>
    <message>
        <source>No trial finished, so no settings were kept.</source>
        <translation>没有一次尝试完成，因此没有保留设置。</translation>
    </message>
    <message>
        <source>Each trial&apos;s log is on the Runs page.</source>
        <translation>每次尝试的日志都在“运行记录”页面。</translation>
    </message>
    <message>
        <source>Best settings: trial %1 (run %2), lr %3 × %4 epochs, dev %5 %6 — %7 of %8 trials ran.</source>
        <translation>最佳设置：第 %1 次尝试（运行 %2），学习率 %3 × %4 轮，验证集%5 %6——共 %8 次尝试，运行了 %7 次。</translation>
    </message>
    <message>
        <source>Its export is the sweep&apos;s result; the Runs page marks it with ★ and overlays the trials.</source>
        <translation>它导出的模型就是这次搜索的结果；“运行记录”页面用 ★ 标出它，并可叠加比较各次尝试。</translation>
    </message>
    <message>
        <source>Stopped. %1</source>
        <translation>已停止。%1</translation>
    </message>
    <message>
        <source>Sweep failed</source>
        <translation>搜索失败</translation>
    </message>
</context>
<context>
    <name>TrainPage</name>
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
        <source>This image cannot train on the chosen GPUs: %1</source>
        <translation>这个镜像无法在所选 GPU 上训练：%1</translation>
    </message>
    <message>
        <source>Fix: %1. Settings → Docker → Check this computer says more.</source>
        <translation>解决办法：%1。“设置 → Docker → 检查这台电脑”有更多说明。</translation>
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
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to PaddleDesk</source>
        <translation>欢迎使用 PaddleDesk</translation>
    </message>
    <message>
        <source>Train a Chinese text classifier in a few clicks: pick data, press Start, watch it learn, then type sentences to try it.</source>
        <translation>点几下就能训练中文文本分类器：选好数据，按“开始”，看它学习，然后输入句子试一试。</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation>工作区文件夹</translation>
    </message>
    <message>
        <source>Checking Docker and GPUs…</source>
        <translation>正在检查 Docker 和 GPU…</translation>
    </message>
    <message>
        <source>Try the sample dataset</source>
        <translation>试试示例数据集</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Docker</source>
        <translation>Docker</translation>
    </message>
    <message>
        <source>Choose the workspace folder</source>
        <translation>选择工作区文件夹</translation>
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
        <source>N-grams (TF-IDF, 3 heads)</source>
        <translation>N-gram（TF-IDF，三个输出头）</translation>
    </message>
    <message>
        <source>Hashed character 1-5-grams and jieba words; linear heads over their TF-IDF characters, their TF-IDF and their naive-Bayes-weighted TF-IDF, averaged; evaluated 4 times per epoch, the best kept. Recommended on a CPU.</source>
        <translation>哈希字符 1–5 元组和 jieba 分词；三个线性输出头分别看 TF-IDF 加权的字符、TF-IDF 加权的全部特征和朴素贝叶斯加权的 TF-IDF 特征，取平均；每轮评估 4 次，保留最好的一次。在 CPU 上推荐使用。</translation>
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
        <source>ERNIE (imported)</source>
        <translation>ERNIE（导入的）</translation>
    </message>
    <message>
        <source>An imported ERNIE whose sizes match no catalogue entry.</source>
        <translation>导入的 ERNIE，其尺寸与目录中的任何条目都不相符。</translation>
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
    <message>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>the Label column box</source>
        <translation>“标签列”选择框</translation>
    </message>
    <message>
        <source>the Text column box</source>
        <translation>“文本列”选择框</translation>
    </message>
    <message>
        <source>{value!r} is not a delimiter: use one character such as , ; | or the word tab</source>
        <translation>{value!r} 不是分隔符：请用一个字符，例如 , ; |，或者写 tab</translation>
    </message>
    <message>
        <source>this is not a text file: it contains binary data</source>
        <translation>这不是文本文件：其中含有二进制数据</translation>
    </message>
    <message>
        <source>the file has only blank lines</source>
        <translation>文件只有空行</translation>
    </message>
    <message>
        <source>cannot read the file ({reason})</source>
        <translation>无法读取文件（{reason}）</translation>
    </message>
    <message>
        <source>could not tell which column holds the text and which the label</source>
        <translation>无法判断哪一列是文本、哪一列是标签</translation>
    </message>
    <message>
        <source>dev_fraction {value} must be between 0 and 0.9</source>
        <translation>dev_fraction {value} 必须在 0 到 0.9 之间</translation>
    </message>
    <message>
        <source>the header names the column {column!r} twice (columns {first} and {second})</source>
        <translation>表头中列名 {column!r} 出现了两次（第 {first} 列和第 {second} 列）</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <source>{labels} (or the index 0..{last})</source>
        <translation>{labels}（或序号 0..{last}）</translation>
    </message>
    <message>
        <source>{file}: {warning}</source>
        <translation>{file}：{warning}</translation>
    </message>
    <message>
        <source>choose the {role} key</source>
        <translation>选择{role}所在的键</translation>
    </message>
    <message>
        <source>choose the {role} column</source>
        <translation>选择{role}所在的列</translation>
    </message>
    <message>
        <source>choose the {role} column by number</source>
        <translation>按序号选择{role}所在的列</translation>
    </message>
    <message>
        <source>if it has them, name the character between them</source>
        <translation>如果有多列，请指明它们之间的分隔字符</translation>
    </message>
    <message>
        <source>choose the column that holds them</source>
        <translation>选择存放标签的那一列</translation>
    </message>
    <message>
        <source>or name its encoding</source>
        <translation>或者指明它的编码</translation>
    </message>
    <message>
        <source>or name the file&apos;s real encoding</source>
        <translation>或者指明文件真正的编码</translation>
    </message>
    <message>
        <source>the file has a header but no data rows</source>
        <translation>文件只有表头，没有数据行</translation>
    </message>
    <message>
        <source>add examples below the header</source>
        <translation>在表头下面添加样本</translation>
    </message>
    <message>
        <source>add the key, or choose another key</source>
        <translation>补上这个键，或者选择另一个键</translation>
    </message>
    <message>
        <source>add the key, or choose another key for this column</source>
        <translation>补上这个键，或者为这一列选择另一个键</translation>
    </message>
    <message>
        <source>add rows, or choose a separate dev file</source>
        <translation>添加更多行，或者另选一个验证集文件</translation>
    </message>
    <message>
        <source>check the path; it may have been moved or renamed</source>
        <translation>请检查路径；文件可能被移动或改名了</translation>
    </message>
    <message>
        <source>choose the data file inside it</source>
        <translation>请选择其中的数据文件</translation>
    </message>
    <message>
        <source>delete the repeated line: it only gives this text more weight</source>
        <translation>删除重复的那一行：它只会让这条文本的权重变大</translation>
    </message>
    <message>
        <source>UTF-8, GB18030 and UTF-16 are detected without naming them</source>
        <translation>UTF-8、GB18030 和 UTF-16 无需指明，会自动识别</translation>
    </message>
    <message>
        <source>0.1 is usual</source>
        <translation>通常用 0.1</translation>
    </message>
    <message>
        <source>check the disk</source>
        <translation>请检查磁盘</translation>
    </message>
    <message>
        <source>a quote inside a quoted field must be doubled (&quot;&quot;)</source>
        <translation>带引号的字段里的引号必须写两次（&quot;&quot;）</translation>
    </message>
    <message>
        <source>use utf-8, gb18030, gbk, big5, utf-16 or latin-1, or let it be detected</source>
        <translation>请用 utf-8、gb18030、gbk、big5、utf-16 或 latin-1，或者让程序自动识别</translation>
    </message>
    <message>
        <source>expected one of: {labels}</source>
        <translation>应为以下之一：{labels}</translation>
    </message>
    <message>
        <source>choose the data file inside it (a .csv, .tsv or .jsonl)</source>
        <translation>请选择其中的数据文件（.csv、.tsv 或 .jsonl）</translation>
    </message>
    <message>
        <source>fill in the label or delete the line</source>
        <translation>填上标签，或者删除这一行</translation>
    </message>
    <message>
        <source>fill in the text or delete the line</source>
        <translation>填上文本，或者删除这一行</translation>
    </message>
    <message>
        <source>first problem: line {line}: {message}</source>
        <translation>第一个问题：第 {line} 行：{message}</translation>
    </message>
    <message>
        <source>first problem: line {line}: {message} — {hint}</source>
        <translation>第一个问题：第 {line} 行：{message} — {hint}</translation>
    </message>
    <message>
        <source>use auto, csv, tsv or jsonl</source>
        <translation>请用 auto、csv、tsv 或 jsonl</translation>
    </message>
    <message>
        <source>the header has: {columns}</source>
        <translation>表头中有：{columns}</translation>
    </message>
    <message>
        <source>each line must be one JSON object, e.g. {{&quot;text&quot;: &quot;很好吃&quot;, &quot;label&quot;: &quot;正面&quot;}}</source>
        <translation>每行必须是一个 JSON 对象，例如 {{&quot;text&quot;: &quot;很好吃&quot;, &quot;label&quot;: &quot;正面&quot;}}</translation>
    </message>
    <message>
        <source>keep the right label and delete the other lines</source>
        <translation>保留正确的标签，删除其他行</translation>
    </message>
    <message>
        <source>keys found: {keys}</source>
        <translation>找到的键：{keys}</translation>
    </message>
    <message>
        <source>the labels are the class of each text</source>
        <translation>标签应是每条文本所属的类别</translation>
    </message>
    <message>
        <source>or leave it out to detect it</source>
        <translation>或者不填，让程序自动识别</translation>
    </message>
    <message>
        <source>only the first max_seq_len tokens are used; shorten or split it</source>
        <translation>只会用到前 max_seq_len 个词元；请缩短或拆分</translation>
    </message>
    <message>
        <source>only the first max_seq_len tokens are used; shorten or split this text</source>
        <translation>只会用到前 max_seq_len 个词元；请缩短或拆分这段文本</translation>
    </message>
    <message>
        <source>at least {count} labelled examples are needed (hundreds for a useful model)</source>
        <translation>至少需要 {count} 条带标签的样本（要得到有用的模型需要几百条）</translation>
    </message>
    <message>
        <source>a missing {sep} before the text?</source>
        <translation>文本前面是不是少了一个 {sep}？</translation>
    </message>
    <message>
        <source>a missing {sep} between the text and the label?</source>
        <translation>文本和标签之间是不是少了一个 {sep}？</translation>
    </message>
    <message>
        <source>the file may be damaged; delete the NUL characters</source>
        <translation>文件可能已损坏；请删除 NUL 字符</translation>
    </message>
    <message>
        <source>its columns are numbered {numbers}, or add a header line</source>
        <translation>它的列按序号编为 {numbers}，或者加一行表头</translation>
    </message>
    <message>
        <source>choose a file with one example per line (a text and a label)</source>
        <translation>请选择每行一个样本（一段文本和一个标签）的文件</translation>
    </message>
    <message>
        <source>give each text exactly one label (a name or a class index)</source>
        <translation>每条文本只给一个标签（名称或类别序号）</translation>
    </message>
    <message>
        <source>write one object per line, e.g. {{&quot;text&quot;: &quot;很好吃&quot;, &quot;label&quot;: &quot;正面&quot;}}</source>
        <translation>每行写一个对象，例如 {{&quot;text&quot;: &quot;很好吃&quot;, &quot;label&quot;: &quot;正面&quot;}}</translation>
    </message>
    <message>
        <source>make the file readable for your user</source>
        <translation>请让当前用户可以读取这个文件</translation>
    </message>
    <message>
        <source>pick a CSV, TSV or JSONL file</source>
        <translation>请选择一个 CSV、TSV 或 JSONL 文件</translation>
    </message>
    <message>
        <source>a {sep} inside the text must be quoted, e.g. &quot;好吃{c}便宜&quot;{c}正面</source>
        <translation>文本中的 {sep} 必须加引号，例如 &quot;好吃{c}便宜&quot;{c}正面</translation>
    </message>
    <message>
        <source>rename one of them so each column has its own name</source>
        <translation>给其中一列改名，让每一列都有自己的名字</translation>
    </message>
    <message>
        <source>retype or delete the broken characters on this line</source>
        <translation>重新输入或删除这一行中的损坏字符</translation>
    </message>
    <message>
        <source>save it as CSV UTF-8 (Excel: File → Save As → CSV UTF-8), TSV or JSON Lines</source>
        <translation>请另存为 CSV UTF-8（Excel：文件 → 另存为 → CSV UTF-8）、TSV 或 JSON Lines</translation>
    </message>
    <message>
        <source>save it as UTF-8</source>
        <translation>请另存为 UTF-8</translation>
    </message>
    <message>
        <source>shorten or split it</source>
        <translation>请缩短或拆分</translation>
    </message>
    <message>
        <source>the other rows are one line each: remove the stray &quot; or double it (&quot;&quot;) inside a quoted field</source>
        <translation>其他行都是一行一条：请删掉多余的 &quot;，或在带引号的字段里把它写两次（&quot;&quot;）</translation>
    </message>
    <message>
        <source>the text probably contains a tab; remove it (or quote the whole field)</source>
        <translation>文本里可能有制表符；请删掉它（或给整个字段加引号）</translation>
    </message>
    <message>
        <source>the file needs a text column</source>
        <translation>文件需要一个文本列</translation>
    </message>
    <message>
        <source>the file needs at least two columns</source>
        <translation>文件至少需要两列</translation>
    </message>
    <message>
        <source>choose two different columns</source>
        <translation>请选择两个不同的列</translation>
    </message>
    <message>
        <source>a classifier needs at least two labels; check that the label column is right</source>
        <translation>分类器至少需要两个标签；请检查标签列是否选对</translation>
    </message>
    <message>
        <source>if it is UTF-16 text, save it again as UTF-8</source>
        <translation>如果是 UTF-16 文本，请另存为 UTF-8</translation>
    </message>
    <message>
        <source>this is a folder, not a file</source>
        <translation>这是文件夹，不是文件</translation>
    </message>
    <message>
        <source>this is one JSON array, not JSON Lines</source>
        <translation>这是一个 JSON 数组，不是 JSON Lines</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source> in the label list</source>
        <translation>在标签列表中</translation>
    </message>
    <message>
        <source> in {source}</source>
        <translation>在{source}中</translation>
    </message>
    <message>
        <source>line {numbers}</source>
        <translation>第 {numbers} 行</translation>
    </message>
    <message>
        <source>line {line} {label!r}</source>
        <translation>第 {line} 行 {label!r}</translation>
    </message>
    <message>
        <source>lines {numbers}</source>
        <translation>第 {numbers} 行</translation>
    </message>
    <message>
        <source>this is not a text file: it looks like {what}</source>
        <translation>这不是文本文件：看起来是{what}</translation>
    </message>
    <message>
        <source>… and {n:,} more texts with different labels, not listed</source>
        <translation>… 另有 {n:,} 条标签不一致的文本，未列出</translation>
    </message>
    <message>
        <source>… and {n:,} more repeated rows, not listed</source>
        <translation>… 另有 {n:,} 行重复，未列出</translation>
    </message>
    <message>
        <source>no column {column!r} for the {role}</source>
        <translation>没有用作{role}的列 {column!r}</translation>
    </message>
    <message>
        <source>no column {column!r} for the {role}: the file has no header row</source>
        <translation>没有用作{role}的列 {column!r}：文件没有表头行</translation>
    </message>
    <message>
        <source>no object has the key {column!r} for the {role}</source>
        <translation>没有任何对象含有用作{role}的键 {column!r}</translation>
    </message>
    <message>
        <source>no row could be read ({count} rejected)</source>
        <translation>没有一行能读取（{count} 行被拒绝）</translation>
    </message>
    <message>
        <source>no column to take the texts from</source>
        <translation>没有可以取文本的列</translation>
    </message>
    <message>
        <source>no training file chosen</source>
        <translation>没有选择训练文件</translation>
    </message>
    <message>
        <source>no usable rows: all {count:,} rows were rejected</source>
        <translation>没有可用的行：全部 {count:,} 行都被拒绝</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>file not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <source>only one class ({label!r}) in the {rows:,} usable rows{note}</source>
        <translation>{rows:,} 行可用数据中只有一个类别（{label!r}）{note}</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <source> ({count:,} rows were rejected; see the problems list)</source>
        <translation>（{count:,} 行被拒绝；见问题列表）</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>row {numbers}</source>
        <translation>第 {numbers} 条</translation>
    </message>
    <message>
        <source>broken quoting ({error})</source>
        <translation>引号有误（{error}）</translation>
    </message>
    <message>
        <source>the same text has different labels: {occurrences}</source>
        <translation>同一文本有不同的标签：{occurrences}</translation>
    </message>
    <message>
        <source>empty label</source>
        <translation>标签为空</translation>
    </message>
    <message>
        <source>empty text</source>
        <translation>文本为空</translation>
    </message>
    <message>
        <source>{got} fields, expected {want}</source>
        <translation>{got} 个字段，应为 {want} 个</translation>
    </message>
    <message>
        <source>{fields} fields, the text is field {n}</source>
        <translation>{fields} 个字段，文本应在第 {n} 个字段</translation>
    </message>
    <message>
        <source>invalid JSON: {error}</source>
        <translation>JSON 无效：{error}</translation>
    </message>
    <message>
        <source>the label is a JSON list or object</source>
        <translation>标签是 JSON 列表或对象</translation>
    </message>
    <message>
        <source>the line is too long (more than {chars:,} characters)</source>
        <translation>这一行太长（超过 {chars:,} 个字符）</translation>
    </message>
    <message>
        <source>the line is too long ({chars:,} characters)</source>
        <translation>这一行太长（{chars:,} 个字符）</translation>
    </message>
    <message>
        <source>the object has no {key!r} key</source>
        <translation>对象中没有键 {key!r}</translation>
    </message>
    <message>
        <source>not a JSON object (got {kind})</source>
        <translation>不是 JSON 对象（而是{kind}）</translation>
    </message>
    <message>
        <source>the line contains NUL (\0) bytes</source>
        <translation>这一行含有 NUL（\0）字节</translation>
    </message>
    <message>
        <source>1 field, expected {want}</source>
        <translation>1 个字段，应为 {want} 个</translation>
    </message>
    <message>
        <source>1 field, the text is field {n}</source>
        <translation>1 个字段，文本应在第 {n} 个字段</translation>
    </message>
    <message>
        <source>a quote opened here closes on line {end}</source>
        <translation>这里开始的引号到第 {end} 行才结束</translation>
    </message>
    <message>
        <source>a quote opened here is never closed</source>
        <translation>这里开始的引号一直没有结束</translation>
    </message>
    <message>
        <source>repeats line {first} exactly (same text and label)</source>
        <translation>与第 {first} 行完全相同（文本和标签都相同）</translation>
    </message>
    <message>
        <source>the text is too long ({chars:,} characters)</source>
        <translation>文本太长（{chars:,} 个字符）</translation>
    </message>
    <message>
        <source>undecodable bytes (not UTF-8)</source>
        <translation>有无法解码的字节（不是 UTF-8）</translation>
    </message>
    <message>
        <source>unknown label {label!r} (not{where})</source>
        <translation>未知标签 {label!r}（不{where}）</translation>
    </message>
    <message>
        <source>rows {numbers}</source>
        <translation>第 {numbers} 条</translation>
    </message>
    <message>
        <source>the text and the label are the same column ({column!r})</source>
        <translation>文本和标签是同一列（{column!r}）</translation>
    </message>
    <message>
        <source>the training file {file}</source>
        <translation>训练文件 {file}</translation>
    </message>
    <message>
        <source>only {rows} usable rows{note}</source>
        <translation>只有 {rows} 行可用数据{note}</translation>
    </message>
    <message>
        <source>too few rows to split off a dev set</source>
        <translation>行数太少，无法分出验证集</translation>
    </message>
    <message>
        <source>the label column {column!r} has {count:,} different values in {rows:,} rows: it does not look like labels</source>
        <translation>标签列 {column!r} 在 {rows:,} 行中有 {count:,} 个不同的值：看起来不像标签</translation>
    </message>
    <message>
        <source>cannot decode the file: byte 0x{byte:02X} is not UTF-8, and the file is not GB18030/GBK either</source>
        <translation>无法解码文件：字节 0x{byte:02X} 不是 UTF-8，文件也不是 GB18030/GBK</translation>
    </message>
    <message>
        <source>unknown encoding {encoding!r}</source>
        <translation>未知编码 {encoding!r}</translation>
    </message>
    <message>
        <source>unknown format {format!r}</source>
        <translation>未知格式 {format!r}</translation>
    </message>
    <message>
        <source>unsupported file type {ext} ({what})</source>
        <translation>不支持的文件类型 {ext}（{what}）</translation>
    </message>
    <message>
        <source>repeated texts carry different labels: 1 text on {where}</source>
        <translation>重复的文本带有不同的标签：1 条文本，在{where}</translation>
    </message>
    <message>
        <source>repeated texts carry different labels: {n:,} texts on {where}</source>
        <translation>重复的文本带有不同的标签：{n:,} 条文本，在{where}</translation>
    </message>
    <message>
        <source>{n:,} rows repeat an earlier row exactly (same text and label): {where}</source>
        <translation>{n:,} 行与前面的某行完全相同（文本和标签都相同）：{where}</translation>
    </message>
    <message>
        <source>{file}: columns {text!r}/{label!r} not found; using {guess_text!r} as the text and {guess_label!r} as the label</source>
        <translation>{file}：找不到列 {text!r}/{label!r}；改用 {guess_text!r} 作为文本、{guess_label!r} 作为标签</translation>
    </message>
    <message>
        <source>{file}: no &apos;label&apos; column; using column {column!r} as the label</source>
        <translation>{file}：没有 &apos;label&apos; 列；改用列 {column!r} 作为标签</translation>
    </message>
    <message>
        <source>{file}: no &apos;text&apos; column; using column {column!r} as the text</source>
        <translation>{file}：没有 &apos;text&apos; 列；改用列 {column!r} 作为文本</translation>
    </message>
    <message>
        <source>imbalanced classes: {big!r} has {big_count:,} examples, {small!r} only {small_count:,} ({ratio:.0f}:1); macro-F1 is a fairer metric than accuracy</source>
        <translation>类别不均衡：{big!r} 有 {big_count:,} 个样本，{small!r} 只有 {small_count:,} 个（{ratio:.0f}:1）；macro-F1 比准确率更公平</translation>
    </message>
    <message>
        <source>label {label!r} has no examples</source>
        <translation>标签 {label!r} 没有样本</translation>
    </message>
    <message>
        <source>label {label!r} has only {count} examples; the model will hardly learn it</source>
        <translation>标签 {label!r} 只有 {count} 个样本；模型很难学会它</translation>
    </message>
    <message>
        <source>label {label!r} has only 1 example; the model will hardly learn it</source>
        <translation>标签 {label!r} 只有 1 个样本；模型很难学会它</translation>
    </message>
    <message>
        <source>some texts are much longer than 512 characters; only their beginning is used</source>
        <translation>有些文本远长于 512 个字符；只会用到开头部分</translation>
    </message>
    <message>
        <source>no dev examples for {labels}: its score will not be measured</source>
        <translation>验证集中没有 {labels} 的样本：无法衡量它的得分</translation>
    </message>
    <message>
        <source>labels {spellings} differ only in case or spacing: one class {label!r}</source>
        <translation>标签 {spellings} 只在大小写或空格上不同：合并为一个类别 {label!r}</translation>
    </message>
    <message>
        <source>cannot decode the file as {encoding}: byte 0x{byte:02X} is invalid</source>
        <translation>无法按 {encoding} 解码文件：字节 0x{byte:02X} 无效</translation>
    </message>
    <message>
        <source>The Docker engine stopped answering: {error}</source>
        <translation>Docker 引擎不再响应：{error}</translation>
    </message>
    <message>
        <source>The trainer exited with code {code}.</source>
        <translation>训练程序退出，退出码 {code}。</translation>
    </message>
    <message>
        <source>The trainer exited with code {code}: {said}</source>
        <translation>训练程序退出，退出码 {code}：{said}</translation>
    </message>
    <message>
        <source>{message}
Last lines of train.log:
{log}</source>
        <translation>{message}
train.log 的最后几行：
{log}</translation>
    </message>
    <message>
        <source>Build it in Settings → Docker (it is built from the Paddle base image).</source>
        <translation>请在“设置 → Docker”中构建它（基于 Paddle 基础镜像构建）。</translation>
    </message>
    <message>
        <source>Start Docker again; the run folder keeps the training state, and Resume continues it.</source>
        <translation>请重新启动 Docker；运行文件夹保存了训练状态，“继续”可以接着训练。</translation>
    </message>
    <message>
        <source>Read the last lines of the log; Resume continues from the last checkpoint.</source>
        <translation>请查看日志的最后几行；“继续”会从最近的检查点接着训练。</translation>
    </message>
    <message>
        <source>Install the NVIDIA Container Toolkit and restart Docker (https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/), or run this job on the CPU instead.</source>
        <translation>请安装 NVIDIA Container Toolkit 并重启 Docker（https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/），或者改在 CPU 上运行这个任务。</translation>
    </message>
    <message>
        <source>Use a smaller batch size or maximum length, fewer processes, or give Docker more memory; Resume continues from the last checkpoint.</source>
        <translation>请减小批大小或最大长度、减少进程数，或者给 Docker 更多内存；“继续”会从最近的检查点接着训练。</translation>
    </message>
    <message>
        <source>Use a smaller batch size or maximum length or fewer processes, or raise the limit (train --memory-limit); Resume continues from the last checkpoint.</source>
        <translation>请减小批大小或最大长度、减少进程数，或者提高限额（train --memory-limit）；“继续”会从最近的检查点接着训练。</translation>
    </message>
    <message>
        <source>The trainer image {image} is not on the Docker engine.</source>
        <translation>Docker 引擎上没有训练镜像 {image}。</translation>
    </message>
    <message>
        <source>This Docker engine cannot give GPUs to containers ({error}).</source>
        <translation>这个 Docker 引擎无法把 GPU 分配给容器（{error}）。</translation>
    </message>
    <message>
        <source>The training container was killed because the computer ran out of memory (OOMKilled).</source>
        <translation>训练容器被终止，因为电脑内存耗尽（OOMKilled）。</translation>
    </message>
    <message>
        <source>The training container was killed because it used all the memory it may use ({limit}; OOMKilled).</source>
        <translation>训练容器被终止，因为它用完了允许使用的全部内存（{limit}；OOMKilled）。</translation>
    </message>
    <message>
        <source>the data root</source>
        <translation>数据根目录</translation>
    </message>
    <message>
        <source>the base image is already on the engine</source>
        <translation>基础镜像已在引擎上</translation>
    </message>
    <message>
        <source>the base image is already on the engine; {free:.1f} GiB free</source>
        <translation>基础镜像已在引擎上；剩余 {free:.1f} GiB</translation>
    </message>
    <message>
        <source>{root} is not visible from here</source>
        <translation>从这里看不到 {root}</translation>
    </message>
    <message>
        <source>{free:.1f} GiB free under {root}</source>
        <translation>{root} 下剩余 {free:.1f} GiB</translation>
    </message>
    <message>
        <source>{free:.1f} GiB free under {root} (the image needs about {need:.0f} GiB)</source>
        <translation>{root} 下剩余 {free:.1f} GiB（镜像约需 {need:.0f} GiB）</translation>
    </message>
    <message>
        <source>{free:.1f} GiB free under {root}; {image} needs about {need:.0f} GiB</source>
        <translation>{root} 下剩余 {free:.1f} GiB；{image} 约需 {need:.0f} GiB</translation>
    </message>
    <message>
        <source>the engine did not answer</source>
        <translation>引擎没有响应</translation>
    </message>
    <message>
        <source>Docker {version} (API {api}) at {url}</source>
        <translation>Docker {version}（API {api}），地址 {url}</translation>
    </message>
    <message>
        <source>choose another image</source>
        <translation>请选择其他镜像</translation>
    </message>
    <message>
        <source>build it: Prepare image (it adds PaddleNLP to the base, a few minutes)</source>
        <translation>构建它：准备镜像（在基础镜像上加入 PaddleNLP，需要几分钟）</translation>
    </message>
    <message>
        <source>check the engine address</source>
        <translation>请检查引擎地址</translation>
    </message>
    <message>
        <source>choose {image}</source>
        <translation>请选择 {image}</translation>
    </message>
    <message>
        <source>make sure the engine&apos;s disk has room for the image</source>
        <translation>请确保引擎所在磁盘有足够空间存放镜像</translation>
    </message>
    <message>
        <source>sudo usermod -aG docker $USER, then log out and in again</source>
        <translation>运行 sudo usermod -aG docker $USER，然后注销并重新登录</translation>
    </message>
    <message>
        <source>check that the engine address is a Docker engine</source>
        <translation>请检查引擎地址是否指向 Docker 引擎</translation>
    </message>
    <message>
        <source>look at the engine&apos;s log (journalctl -u docker)</source>
        <translation>请查看引擎日志（journalctl -u docker）</translation>
    </message>
    <message>
        <source>free at least {more:.0f} GiB there (docker system prune)</source>
        <translation>请在那里至少腾出 {more:.0f} GiB（docker system prune）</translation>
    </message>
    <message>
        <source>install the NVIDIA driver for GPU training, or train on the CPU</source>
        <translation>要用 GPU 训练请安装 NVIDIA 驱动，或者在 CPU 上训练</translation>
    </message>
    <message>
        <source>install Docker (docker.io or Docker Engine) and start it</source>
        <translation>请安装 Docker（docker.io 或 Docker Engine）并启动它</translation>
    </message>
    <message>
        <source>connect to the internet, or load the image from a file (Save image to file… on a connected computer)</source>
        <translation>请连接网络，或者从文件载入镜像（在联网的电脑上用“将镜像保存到文件…”）</translation>
    </message>
    <message>
        <source>choose {registry} in the registry setting</source>
        <translation>请在镜像仓库设置中选择 {registry}</translation>
    </message>
    <message>
        <source>pull the base, then build the trainer image (Prepare image does both), or load it from a file</source>
        <translation>先拉取基础镜像，再构建训练镜像（“准备镜像”会同时完成两步），或者从文件载入</translation>
    </message>
    <message>
        <source>install the NVIDIA Container Toolkit (nvidia-container-toolkit), run `sudo nvidia-ctk runtime configure --runtime=docker`, restart Docker</source>
        <translation>请安装 NVIDIA Container Toolkit（nvidia-container-toolkit），运行 `sudo nvidia-ctk runtime configure --runtime=docker`，然后重启 Docker</translation>
    </message>
    <message>
        <source>start Docker (sudo systemctl start docker, or open Docker Desktop), or use another engine address</source>
        <translation>请启动 Docker（sudo systemctl start docker，或打开 Docker Desktop），或者使用其他引擎地址</translation>
    </message>
    <message>
        <source>start the engine first</source>
        <translation>请先启动引擎</translation>
    </message>
    <message>
        <source>{gpus}; driver {driver}</source>
        <translation>{gpus}；驱动 {driver}</translation>
    </message>
    <message>
        <source>{gpus}; driver {driver}, CUDA up to {cuda}</source>
        <translation>{gpus}；驱动 {driver}，最高支持 CUDA {cuda}</translation>
    </message>
    <message>
        <source>none found ({reason})</source>
        <translation>没有找到（{reason}）</translation>
    </message>
    <message>
        <source>no driver</source>
        <translation>没有驱动</translation>
    </message>
    <message>
        <source>not reachable</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <source>not registered (runtimes: {runtimes}): GPU runs will fail at start</source>
        <translation>未注册（运行时：{runtimes}）：GPU 训练会在启动时失败</translation>
    </message>
    <message>
        <source>not registered (runtimes: {runtimes}); only CPU training in containers</source>
        <translation>未注册（运行时：{runtimes}）；容器中只能用 CPU 训练</translation>
    </message>
    <message>
        <source>{runtime} registered with the engine</source>
        <translation>{runtime} 已在引擎中注册</translation>
    </message>
    <message>
        <source>this user may not use {path}</source>
        <translation>当前用户无权使用 {path}</translation>
    </message>
    <message>
        <source>{path} does not exist (no engine here)</source>
        <translation>{path} 不存在（这里没有引擎）</translation>
    </message>
    <message>
        <source>this user may use {path}</source>
        <translation>当前用户可以使用 {path}</translation>
    </message>
    <message>
        <source>{url} is not a local socket</source>
        <translation>{url} 不是本机套接字</translation>
    </message>
    <message>
        <source>Free disk for images</source>
        <translation>存放镜像的剩余磁盘空间</translation>
    </message>
    <message>
        <source>Docker engine</source>
        <translation>Docker 引擎</translation>
    </message>
    <message>
        <source>NVIDIA GPUs and driver</source>
        <translation>NVIDIA GPU 和驱动</translation>
    </message>
    <message>
        <source>Image {image}</source>
        <translation>镜像 {image}</translation>
    </message>
    <message>
        <source>Registry {registry}</source>
        <translation>镜像仓库 {registry}</translation>
    </message>
    <message>
        <source>GPUs in containers (NVIDIA runtime)</source>
        <translation>容器中的 GPU（NVIDIA 运行时）</translation>
    </message>
    <message>
        <source>Permission on the Docker socket</source>
        <translation>Docker 套接字权限</translation>
    </message>
    <message>
        <source>Trainer image</source>
        <translation>训练镜像</translation>
    </message>
    <message>
        <source>{image} is missing and so is its base {base}</source>
        <translation>没有 {image}，它的基础镜像 {base} 也没有</translation>
    </message>
    <message>
        <source>{image} is not built yet (the base is here)</source>
        <translation>{image} 尚未构建（基础镜像已有）</translation>
    </message>
    <message>
        <source>{image} is ready</source>
        <translation>{image} 已就绪</translation>
    </message>
    <message>
        <source>The Docker engine at {url} answered with an error: {error}</source>
        <translation>位于 {url} 的 Docker 引擎返回了错误：{error}</translation>
    </message>
    <message>
        <source>image {image}: missing; next: Pull base image (without internet: Load image from file…)</source>
        <translation>镜像 {image}：没有；下一步：拉取基础镜像（没有网络时：从文件载入镜像…）</translation>
    </message>
    <message>
        <source>Could not talk to the Docker engine at {url}: {error}</source>
        <translation>无法与位于 {url} 的 Docker 引擎通信：{error}</translation>
    </message>
    <message>
        <source>free disk for images: {free:.1f} GiB ({root})</source>
        <translation>存放镜像的剩余磁盘空间：{free:.1f} GiB（{root}）</translation>
    </message>
    <message>
        <source>GPUs in containers: not available (no NVIDIA container runtime); for GPU training in Docker: {fix}</source>
        <translation>容器中的 GPU：不可用（没有 NVIDIA 容器运行时）；要在 Docker 中用 GPU 训练：{fix}</translation>
    </message>
    <message>
        <source>GPUs in containers: {runtime}</source>
        <translation>容器中的 GPU：{runtime}</translation>
    </message>
    <message>
        <source>Check that the address in Settings → Docker is a Docker engine.</source>
        <translation>请检查“设置 → Docker”中的地址是否指向 Docker 引擎。</translation>
    </message>
    <message>
        <source>Hint: {hint}</source>
        <translation>提示：{hint}</translation>
    </message>
    <message>
        <source>Look at the engine&apos;s log (journalctl -u docker).</source>
        <translation>请查看引擎日志（journalctl -u docker）。</translation>
    </message>
    <message>
        <source>Add your user to the docker group (sudo usermod -aG docker $USER), then log out and in again; or choose another engine in Settings → Docker.</source>
        <translation>请把当前用户加入 docker 组（sudo usermod -aG docker $USER），然后注销并重新登录；或者在“设置 → Docker”中选择其他引擎。</translation>
    </message>
    <message>
        <source>Start Docker (sudo systemctl start docker, or open Docker Desktop), or set the engine address in Settings → Docker.</source>
        <translation>请启动 Docker（sudo systemctl start docker，或打开 Docker Desktop），或者在“设置 → Docker”中设置引擎地址。</translation>
    </message>
    <message>
        <source>image {image}: present</source>
        <translation>镜像 {image}：已有</translation>
    </message>
    <message>
        <source>The Docker engine is not running (nothing answers at {url}).</source>
        <translation>Docker 引擎没有运行（{url} 无响应）。</translation>
    </message>
    <message>
        <source>Permission denied on the Docker socket {socket}.</source>
        <translation>没有权限访问 Docker 套接字 {socket}。</translation>
    </message>
    <message>
        <source>image {image}: missing; next: Pull base image, then Build trainer image</source>
        <translation>镜像 {image}：没有；下一步：拉取基础镜像，然后构建训练镜像</translation>
    </message>
    <message>
        <source>image {image}: missing; next: Build trainer image (it adds PaddleNLP to the base, a few minutes)</source>
        <translation>镜像 {image}：没有；下一步：构建训练镜像（在基础镜像上加入 PaddleNLP，需要几分钟）</translation>
    </message>
    <message>
        <source>Docker engine at {url}: not reachable</source>
        <translation>位于 {url} 的 Docker 引擎：无法连接</translation>
    </message>
    <message>
        <source>an Arrow file</source>
        <translation>Arrow 文件</translation>
    </message>
    <message>
        <source>a bzip2-compressed file</source>
        <translation>bzip2 压缩文件</translation>
    </message>
    <message>
        <source>a compressed file</source>
        <translation>压缩文件</translation>
    </message>
    <message>
        <source>a database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>an Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <source>a Feather file</source>
        <translation>Feather 文件</translation>
    </message>
    <message>
        <source>a GIF image</source>
        <translation>GIF 图片</translation>
    </message>
    <message>
        <source>a gzip-compressed file</source>
        <translation>gzip 压缩文件</translation>
    </message>
    <message>
        <source>an HDF5 file</source>
        <translation>HDF5 文件</translation>
    </message>
    <message>
        <source>a JPEG image</source>
        <translation>JPEG 图片</translation>
    </message>
    <message>
        <source>a NumPy array</source>
        <translation>NumPy 数组</translation>
    </message>
    <message>
        <source>a NumPy archive</source>
        <translation>NumPy 归档</translation>
    </message>
    <message>
        <source>a Numbers spreadsheet</source>
        <translation>Numbers 电子表格</translation>
    </message>
    <message>
        <source>an old Office document (Excel .xls / Word .doc)</source>
        <translation>旧版 Office 文档（Excel .xls / Word .doc）</translation>
    </message>
    <message>
        <source>a Parquet file</source>
        <translation>Parquet 文件</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <source>a Paddle model</source>
        <translation>Paddle 模型</translation>
    </message>
    <message>
        <source>Paddle weights</source>
        <translation>Paddle 权重</translation>
    </message>
    <message>
        <source>a Python pickle</source>
        <translation>Python pickle 文件</translation>
    </message>
    <message>
        <source>a PNG image</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <source>a program</source>
        <translation>程序</translation>
    </message>
    <message>
        <source>a spreadsheet</source>
        <translation>电子表格</translation>
    </message>
    <message>
        <source>an SQLite database</source>
        <translation>SQLite 数据库</translation>
    </message>
    <message>
        <source>an archive</source>
        <translation>归档文件</translation>
    </message>
    <message>
        <source>a Word document</source>
        <translation>Word 文档</translation>
    </message>
    <message>
        <source>a ZIP archive</source>
        <translation>ZIP 压缩包</translation>
    </message>
    <message>
        <source>a ZIP archive (or an Excel .xlsx workbook)</source>
        <translation>ZIP 压缩包（或 Excel .xlsx 工作簿）</translation>
    </message>
    <message>
        <source>{words} in {control}</source>
        <translation>{words}：在{control}中</translation>
    </message>
    <message>
        <source>{words} with {option}</source>
        <translation>{words}：用 {option}</translation>
    </message>
    <message>
        <source>{words} with {option} {example}</source>
        <translation>{words}：用 {option} {example}</translation>
    </message>
    <message>
        <source>the NVIDIA driver is loaded but reports no GPU</source>
        <translation>NVIDIA 驱动已加载，但报告没有 GPU</translation>
    </message>
    <message>
        <source>the NVIDIA kernel driver is not loaded</source>
        <translation>NVIDIA 内核驱动未加载</translation>
    </message>
    <message>
        <source>check the NVIDIA driver</source>
        <translation>请检查 NVIDIA 驱动</translation>
    </message>
    <message>
        <source>check `nvidia-smi`</source>
        <translation>请运行 `nvidia-smi` 检查</translation>
    </message>
    <message>
        <source>install the NVIDIA driver, or train on the CPU</source>
        <translation>请安装 NVIDIA 驱动，或者在 CPU 上训练</translation>
    </message>
    <message>
        <source>install the NVIDIA driver utilities</source>
        <translation>请安装 NVIDIA 驱动工具</translation>
    </message>
    <message>
        <source>install the NVIDIA driver (it ships libnvidia-ml.so), or train on the CPU</source>
        <translation>请安装 NVIDIA 驱动（其中带有 libnvidia-ml.so），或者在 CPU 上训练</translation>
    </message>
    <message>
        <source>use auto, nvml, smi or replay</source>
        <translation>请用 auto、nvml、smi 或 replay</translation>
    </message>
    <message>
        <source>pass the path of a recorded trace (.json)</source>
        <translation>请给出录制文件（.json）的路径</translation>
    </message>
    <message>
        <source>the NVIDIA driver library (libnvidia-ml.so) is not installed</source>
        <translation>没有安装 NVIDIA 驱动库（libnvidia-ml.so）</translation>
    </message>
    <message>
        <source>no permission to talk to the NVIDIA driver</source>
        <translation>没有权限访问 NVIDIA 驱动</translation>
    </message>
    <message>
        <source>the nvidia-ml-py package is not installed</source>
        <translation>没有安装 nvidia-ml-py 软件包</translation>
    </message>
    <message>
        <source>no NVIDIA GPU or driver found ({reasons})</source>
        <translation>没有找到 NVIDIA GPU 或驱动（{reasons}）</translation>
    </message>
    <message>
        <source>NVML failed to start: {error}</source>
        <translation>NVML 启动失败：{error}</translation>
    </message>
    <message>
        <source>NVML could not list the GPUs: {error}</source>
        <translation>NVML 无法列出 GPU：{error}</translation>
    </message>
    <message>
        <source>{source}: {reason}</source>
        <translation>{source}：{reason}</translation>
    </message>
    <message>
        <source>replay needs a trace file</source>
        <translation>回放需要一个录制文件</translation>
    </message>
    <message>
        <source>nvidia-smi failed: {error}</source>
        <translation>nvidia-smi 运行失败：{error}</translation>
    </message>
    <message>
        <source>nvidia-smi did not answer: {error}</source>
        <translation>nvidia-smi 没有响应：{error}</translation>
    </message>
    <message>
        <source>{program} is not on the PATH</source>
        <translation>PATH 中没有 {program}</translation>
    </message>
    <message>
        <source>unknown GPU source {kind!r}</source>
        <translation>未知的 GPU 数据源 {kind!r}</translation>
    </message>
    <message>
        <source>{hint}; {clause}</source>
        <translation>{hint}；{clause}</translation>
    </message>
    <message>
        <source>the compute capability of {gpus} is unknown</source>
        <translation>不知道 {gpus} 的计算能力</translation>
    </message>
    <message>
        <source>compute capability {caps}</source>
        <translation>计算能力 {caps}</translation>
    </message>
    <message>
        <source>{ref} is a CPU image: it cannot use GPUs</source>
        <translation>{ref} 是 CPU 镜像：无法使用 GPU</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>仅 CPU</translation>
    </message>
    <message>
        <source>driver {driver} is older than the {min_driver}{hedge} that CUDA {cuda} needs: update the NVIDIA driver or choose a CUDA {older} image</source>
        <translation>驱动 {driver} 低于 CUDA {cuda} 所需的 {min_driver}{hedge}：请更新 NVIDIA 驱动，或选择 CUDA {older} 的镜像</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>choose an image with a newer CUDA</source>
        <translation>请选择 CUDA 更新的镜像</translation>
    </message>
    <message>
        <source>choose a Paddle 3 image</source>
        <translation>请选择 Paddle 3 镜像</translation>
    </message>
    <message>
        <source>GPUs {span}</source>
        <translation>GPU 计算能力 {span}</translation>
    </message>
    <message>
        <source>driver &gt;= {driver}</source>
        <translation>驱动 &gt;= {driver}</translation>
    </message>
    <message>
        <source>{gpu} is compute capability {cc}; Paddle {paddle} images with CUDA {cuda} have no kernels for it{hedge}: {fix}</source>
        <translation>{gpu} 的计算能力是 {cc}；Paddle {paddle}（CUDA {cuda}）镜像没有适用于它的内核{hedge}：{fix}</translation>
    </message>
    <message>
        <source> (not confirmed)</source>
        <translation>（未经确认）</translation>
    </message>
    <message>
        <source>{ref} runs {ccs} on driver {driver}: {summary}</source>
        <translation>{ref} 可以在驱动 {driver} 上运行{ccs}：{summary}</translation>
    </message>
    <message>
        <source>{ref}: not a Paddle image the app knows; fine for CPU training</source>
        <translation>{ref}：不是本应用认识的 Paddle 镜像；用于 CPU 训练没有问题</translation>
    </message>
    <message>
        <source>{ref} is not in the image catalogue: whether it has kernels for {ccs} and runs on driver {driver} cannot be told</source>
        <translation>{ref} 不在镜像目录中：无法判断它是否带有{ccs}的内核、能否在驱动 {driver} 上运行</translation>
    </message>
    <message>
        <source>no answer within {timeout:g} s</source>
        <translation>{timeout:g} 秒内没有回应</translation>
    </message>
    <message>
        <source>the host name cannot be resolved (no DNS or no network)</source>
        <translation>无法解析主机名（没有 DNS 或没有网络）</translation>
    </message>
    <message>
        <source>connection refused (nothing listens there)</source>
        <translation>连接被拒绝（那里没有服务在监听）</translation>
    </message>
    <message>
        <source>TLS failed ({reason})</source>
        <translation>TLS 失败（{reason}）</translation>
    </message>
    <message>
        <source>{url}: {reason}</source>
        <translation>{url}：{reason}</translation>
    </message>
</context>
<context>
    <name>gpu</name>
    <message>
        <source>No NVIDIA GPU found on this computer: training runs on the CPU.</source>
        <translation>这台电脑上没有找到 NVIDIA GPU：训练将在 CPU 上进行。</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>怎么办：%1</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>详细信息：</translation>
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
