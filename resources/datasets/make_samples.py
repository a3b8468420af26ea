"""Write the sample datasets of resources/datasets/ (written for PaddleDesk; nothing is copied).

The sentences are composed from hand-written fragments: a review says a few things about a
place, product or film (some of them the opposite of its overall verdict: "虽然……但是……"), so a
model has to weigh several cues instead of spotting one keyword. Deterministic (seeded): running
it again rewrites the same files.

    .venv/bin/python resources/datasets/make_samples.py
"""

from __future__ import annotations

import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------------------------
# reviews: domain (restaurants, hotels, shopping, films, electronics, books) ->
#     (openers with {x}, things {x}, positive points, negative points,
#                     positive verdicts, negative verdicts)

REVIEWS = {
    "restaurant": (
        ["周末和朋友去了{x}", "带爸妈来{x}吃饭", "公司聚餐选了{x}", "第一次来{x}", "点了{x}的外卖",
         "路过{x}顺便进去吃了一顿", "排队等了半小时才吃上{x}", "朋友推荐来的{x}", "晚上十点多去的{x}",
         "生日那天订了{x}的包间", "午饭在{x}解决的", "住附近，常来{x}"],
        ["这家火锅店", "这家川菜馆", "楼下的面馆", "这家烤肉店", "这家日料店", "商场里的茶餐厅", "这家粤菜馆",
         "学校门口的小饭馆", "这家自助餐厅", "这家西餐厅", "这家早茶店", "这家麻辣烫", "这家湘菜馆",
         "这家饺子馆", "这家烧烤摊"],
        ["味道很正宗", "菜做得很入味", "汤底特别鲜", "牛肉很嫩", "口味偏清淡，很合我胃口", "招牌菜名不虚传",
         "辣得很过瘾", "每道菜都挺有特色", "食材很新鲜", "甜品做得很精致", "米饭软硬刚好", "烤鸭皮脆肉嫩",
         "服务员很热情", "上菜速度很快", "老板还送了一份果盘", "服务员主动帮我们加汤", "一直有人来添水",
         "点菜时服务员给了不少建议", "环境干净整洁", "装修很有格调", "座位宽敞", "店里很安静，适合聊天",
         "窗边能看到江景", "价格实惠", "人均六十就吃得很饱", "团购套餐很划算", "分量很足",
         "一点也不油腻", "等位的时候还有免费小吃", "外卖包装得很仔细，送到还是热的", "服务特别周到",
         "菜都很好吃", "每道菜都好吃", "服务员态度非常好", "饭菜可口",
         "价格也很实惠", "推荐大家来尝尝"],
        ["菜太咸了", "味道很一般，没什么特色", "肉不新鲜，有股怪味", "端上来的汤是温的", "菜里吃出了头发",
         "油太重，吃完胃不舒服", "招牌菜也就那样", "鱼有点腥", "米饭是夹生的", "口味和以前比差远了",
         "分量少得可怜", "服务员爱答不理", "上菜慢得离谱，等了四十分钟", "催了三次菜还没上",
         "结账的时候多算了钱", "叫了几次服务员都没人理", "外卖送到时汤都洒了", "环境又吵又乱",
         "桌子油乎乎的", "地上全是纸巾，卫生堪忧", "空调开得太冷", "座位挤得转不开身", "价格偏贵",
         "人均两百也没吃出什么名堂", "收了不少服务费", "团购套餐缩水严重", "菜不太新鲜", "甜品甜得发腻",
         "排队一个小时，吃饭十分钟就被催着走", "菜很难吃", "服务态度非常差",
         "饭菜一点都不好吃", "又贵又难吃", "菜又咸又辣", "态度很差", "又油又腻", "味道太淡了", "价格太贵", "菜量还少"],
        ["下次还会再来", "强烈推荐", "总体很满意", "值得一试", "会推荐给朋友", "五星好评", "吃得很开心",
         "已经成为我们家的固定食堂了"],
        ["不会再来了", "不推荐", "总体很失望", "大家避雷吧", "给个差评", "这顿饭吃得很窝火", "真的后悔来这家",
         "白白浪费了一个晚上"],
    ),
    "hotel": (
        ["出差在{x}住了两晚", "国庆带孩子住的{x}", "临时订的{x}", "第二次入住{x}", "公司安排住在{x}",
         "为了看演唱会订了{x}", "旅游的时候住了{x}", "朋友结婚，住在{x}", "深夜到达，入住{x}"],
        ["这家酒店", "这家快捷酒店", "这家民宿", "这家度假酒店", "车站旁边的宾馆", "这家商务酒店",
         "景区里的客栈", "这家连锁酒店", "这家海景酒店", "机场附近的酒店"],
        ["房间干净宽敞", "床很舒服，睡得很好", "隔音效果不错", "前台办理入住很快", "早餐种类丰富",
         "位置方便，走路就到地铁站", "卫生间干湿分离，热水很足", "前台小姐姐很耐心", "免费给我们升级了房型",
         "窗外风景很美", "被子床单都很干净", "退房很利索", "管家服务很贴心", "停车很方便",
         "房间里没有异味", "晚上很安静", "还帮忙寄存了行李", "楼下就有很多吃饭的地方", "设施都是新的",
         "服务非常好", "房间又大又亮", "晚上睡得很香"],
        ["房间有股霉味", "隔音太差，隔壁说话听得一清二楚", "床单上有污渍", "热水时有时无",
         "前台办理入住等了半个多小时", "早餐选择很少，还是凉的", "空调噪音很大", "卫生间下水道堵了",
         "网络一直连不上", "房间和图片上差别很大", "位置很偏，打车都难", "押金退得特别慢", "窗户关不严，很吵",
         "地毯很脏", "枕头太硬，一晚没睡好", "前台态度冷淡", "半夜还有推销电话打到房间", "设施老旧",
         "浴室的门关不上", "价格比平时贵了一倍", "房间又小又暗", "房间有霉味", "吵得一晚上没睡好",
         "卫生很差，毛巾都是黄的"],
        ["下次出差还住这里", "强烈推荐", "总体很满意", "住得很舒心", "性价比很高", "会推荐给朋友",
         "五星好评", "是一次愉快的入住"],
        ["再也不会住了", "不推荐", "总体很失望", "大家避雷", "给个差评", "这钱花得真冤", "体验很糟糕",
         "住得很憋屈"],
    ),
    "shopping": (
        ["双十一买的{x}", "在网上给爸妈买了{x}", "第二次回购{x}", "看了评论才下单的{x}", "直播间买的{x}",
         "给孩子买的{x}", "用了一个月的{x}", "朋友生日送的{x}", "趁打折入手了{x}"],
        ["这款耳机", "这件外套", "这双运动鞋", "这个电饭煲", "这款手机壳", "这台扫地机器人", "这个保温杯",
         "这条连衣裙", "这套床品", "这款充电宝", "这个行李箱", "这台吹风机", "这款面霜", "这个台灯",
         "这套书"],
        ["质量很好", "做工精细", "和描述的一模一样", "物流很快，第二天就到了", "包装很严实", "颜色很正",
         "尺码标准，穿着合身", "客服回复及时，问题都解决了", "用起来很顺手", "续航比想象的长",
         "材质摸起来很舒服", "比实体店便宜不少", "声音很清楚", "安装简单，说明书写得很清楚", "没有异味",
         "细节处理得很好", "噪音很小", "家里人都说好用",
         "质量非常好", "包装完好无损"],
        ["质量太差", "用了两天就坏了", "和图片严重不符", "物流太慢，等了一个星期", "包装破损，东西也磕坏了",
         "色差很大", "尺码偏小，根本穿不上", "客服一直不回消息", "有一股刺鼻的味道", "充一次电用不了半天",
         "做工粗糙，线头很多", "申请退货被拒绝了", "收到的像是旧货", "按键不灵敏", "噪音大得吓人",
         "价格比别家贵", "少发了一个配件", "说明书写得看不懂",
         "质量很差，一用就坏", "快递慢，盒子都压扁了"],
        ["会回购的", "强烈推荐", "总体很满意", "总体满意", "物超所值", "会推荐给朋友", "五星好评", "这次买对了",
         "已经推荐给同事了"],
        ["不会回购了", "不推荐", "总体很失望", "大家避雷", "给个差评", "已经申请退货了", "钱白花了",
         "买之前真该多看看评论"],
    ),
    "film": (
        ["周末去影院看了{x}", "陪女朋友看了{x}", "在家看完了{x}", "冲着导演去看的{x}", "首映当天看的{x}",
         "带孩子看了{x}", "和室友一起看了{x}", "等了两年终于看到{x}"],
        ["这部电影", "这部国产科幻片", "这部动画片", "这部悬疑片", "这部喜剧", "这部爱情片", "这部纪录片",
         "这部战争片", "这部武侠片", "这部续集"],
        ["剧情紧凑，一点都不拖沓", "演员演技在线", "特效很震撼", "配乐很好听", "结局出乎意料又合情合理",
         "笑点密集，全场都在笑", "细节很用心", "节奏把握得很好", "画面拍得很美", "看完久久不能平静",
         "人物塑造得很立体", "台词很有味道", "两个多小时一点都不觉得长", "孩子看得很投入",
         "几个反转设计得很巧妙", "配角也很出彩", "故事很感人",
         "演员都很用心"],
        ["剧情拖沓", "演技尴尬", "特效很廉价", "逻辑漏洞百出", "结局草草收场", "笑点全靠硬凹",
         "节奏太慢，看得直打哈欠", "台词像在念课文", "中途好几个人离场了", "完全看不懂在讲什么",
         "广告植入太多", "人物动机莫名其妙", "预告片就是全部精华", "配乐吵得头疼", "反转来得太突兀",
         "孩子看了一半就睡着了", "剧情又臭又长", "演员表演很做作", "故事无聊透顶", "情节老套"],
        ["值得二刷", "强烈推荐", "总体很满意", "值得一看", "会推荐给朋友", "五星好评", "今年看过最好的电影之一",
         "票价花得很值"],
        ["浪费了两个小时", "不推荐", "总体很失望", "大家避雷", "给个差评", "白瞎了这票钱", "后悔进了影院",
         "看得如坐针毡"],
    ),
    "electronics": (
        ["用了半年的{x}", "给老婆换了{x}", "工作需要买了{x}", "等了好久才抢到{x}", "旧的坏了，换了{x}",
         "对比了很多款才选的{x}", "公司统一配的{x}", "学生党攒钱买的{x}"],
        ["这台笔记本电脑", "这款手机", "这台显示器", "这款平板", "这台投影仪", "这款智能手表", "这台相机",
         "这款蓝牙音箱", "这个路由器", "这款机械键盘", "这台空气净化器", "这款电动牙刷"],
        ["运行很流畅，一点都不卡", "屏幕显示很清晰", "电池很耐用，一天一充足够", "拍照效果出色",
         "系统没有广告", "散热做得不错，玩游戏也不烫", "信号很稳定", "开机只要几秒", "音质饱满",
         "手感很好，按键反馈清脆", "连接手机一次就成功", "售后上门很及时", "没有任何杂音",
         "充电速度很快", "轻薄好带，放包里不占地方", "设置很简单，老人也会用", "用了这么久没出过毛病"],
        ["用了一周就开始卡顿", "屏幕有坏点", "电池掉电特别快", "拍出来的照片全是噪点", "系统广告多得烦人",
         "发热严重，烫得没法拿", "信号时有时无", "开机要等一分多钟", "音质发闷", "按键松松垮垮",
         "蓝牙老是断开", "售后推来推去不给修", "风扇噪音很大", "充满电要四个小时", "又厚又重",
         "说明书和实际操作对不上", "才过保修期就坏了"],
        ["会推荐给朋友", "强烈推荐", "总体很满意", "这钱花得值", "五星好评", "没有买错", "比预期的好很多",
         "已经让同事也入手了"],
        ["不推荐", "总体很失望", "大家避雷", "给个差评", "后悔买了", "已经退货了", "真是花钱买罪受",
         "再也不买这个牌子了"],
    ),
    "books": (
        ["一口气读完了{x}", "朋友推荐的{x}", "睡前读了{x}", "给孩子买的{x}", "读书会选了{x}",
         "等了很久才到货的{x}", "第二遍重读{x}", "通勤路上读完了{x}"],
        ["这本小说", "这本历史书", "这本散文集", "这本绘本", "这本传记", "这本科普书", "这本推理小说",
         "这本诗集", "这本教材", "这本游记"],
        ["文笔细腻", "故事引人入胜，放不下手", "翻译得很流畅", "观点很有启发", "插图精美",
         "印刷清晰，纸张手感好", "人物写得有血有肉", "结构清楚，读起来不费劲", "结尾很感人",
         "内容扎实，看得出作者下了功夫", "语言幽默，读着很轻松", "孩子特别喜欢", "每一章都有收获",
         "排版舒服，字不小", "读完很有收获"],
        ["文笔啰嗦", "故事平淡，读不下去", "翻译生硬，句子都不通顺", "观点老生常谈", "插图模糊",
         "纸张很薄，还有错别字", "人物脸谱化", "结构混乱，越看越糊涂", "结尾烂尾", "内容注水严重",
         "语言干巴巴的", "孩子翻了两页就不看了", "很多内容网上都能搜到", "排版拥挤，字太小", "错别字很多", "纸张发黄",
         "情节松散", "人物单薄", "读着很累"],
        ["值得一读", "值得", "强烈推荐", "总体很满意", "会推荐给朋友", "五星好评", "已经买了作者的其他书",
         "读完还想再读一遍", "这本书买得很值"],
        ["不推荐", "总体很失望", "大家避雷", "给个差评", "浪费时间", "读完只觉得后悔", "钱白花了",
         "看了一半就放弃了"],
    ),
}
SOFTEN = ["", "", "", "真的", "确实", "感觉", "说实话", "整体来说"]
# Negations a reader meets everywhere: they flip a word's usual meaning ("不错" is praise, "不好"
# is not), so the model must read more than single characters.
NEGATED = {
    True: ["一点都不差", "没有任何问题", "完全不用担心质量", "没什么可挑剔的", "不比大牌差", "没让我失望",
           "一点也不贵", "没有想象中那么难用"],
    False: ["一点都不好", "没有想象中好", "并不值这个价", "不太满意", "算不上好", "完全没有宣传的效果",
            "不怎么样", "没有一点诚意"],
}


def _points(rng: random.Random, pool: list[str], k: int, soften: bool = True) -> list[str]:
    chosen = rng.sample(pool, k)
    soft = rng.choice(SOFTEN) if soften else ""
    if soft:
        chosen[0] = soft + chosen[0] if soft != "整体来说" else "整体来说，" + chosen[0]
    return chosen


def make_review(rng: random.Random, domain: str, positive: bool) -> str:
    """One review whose overall verdict is ``positive``; a third of them concede the other side."""
    openers, things, pos, neg, good, bad = REVIEWS[domain]
    main, other = (pos, neg) if positive else (neg, pos)
    verdict = rng.choice(good if positive else bad)
    parts: list[str] = []
    if rng.random() < 0.6:
        parts.append(rng.choice(openers).format(x=rng.choice(things)))
    style = rng.random()
    if style < 0.35:  # concession: the minor point goes against the verdict
        minor = rng.choice(other)
        points = _points(rng, main, rng.randint(1, 2), soften=False)
        if rng.random() < 0.5:
            body = f"虽然{minor}，但是{'，'.join(points)}"
        else:
            turn = rng.choice(["不过", "可是", "但"] if not positive else ["不过", "好在", "但"])
            body = f"{minor}，{turn}{'，'.join(points)}"
        parts.append(body)
    elif style < 0.5:  # a negation carries the verdict, beside one plain point
        parts.append(f"{rng.choice(NEGATED[positive])}，{rng.choice(main)}")
    else:
        points = _points(rng, main, rng.randint(1, 3))
        if len(points) >= 2 and rng.random() < 0.5:
            points[-1] = rng.choice(["而且", "另外", "再加上"]) + points[-1]
        parts.append("，".join(points))
    if rng.random() < 0.55:
        parts.append(verdict)
    text = "，".join(parts)
    return text + rng.choice(["。", "。", "！", "～", "。"])


# --------------------------------------------------------------------------------------------
# headlines: topic -> templates; slots shared by all topics

SLOTS = {
    "team": ["上海队", "北京队", "广东队", "辽宁队", "浙江队", "山东队", "四川队", "江苏队", "新疆队", "福建队"],
    "player": ["李明远", "张天宇", "王子豪", "陈一鸣", "刘思琪", "赵雨桐", "孙浩然", "周嘉怡", "吴晓峰", "郑可欣"],
    "star": ["林沐晴", "许知远", "顾言之", "苏晚", "沈星河", "叶子轩", "唐宁", "白若溪", "江一帆", "夏语冰"],
    "title": ["星河之下", "长夜将明", "风起南城", "归途", "少年行", "雪落无声", "云端之上", "晚风知道",
              "逆光而行", "山海同歌"],
    "company": ["华远集团", "鼎盛控股", "中恒能源", "星河电子", "云帆科技", "嘉禾影业", "远航体育", "博瑞医药",
                "启明半导体", "天工汽车"],
    "city": ["上海", "杭州", "成都", "深圳", "武汉", "西安", "广州", "南京", "重庆", "厦门"],
    "sector": ["新能源", "白酒", "半导体", "银行", "地产", "医药", "券商", "体育用品", "影视", "游戏"],
    "product": ["智能手机", "平板电脑", "智能手表", "笔记本电脑", "无线耳机", "VR头显", "电动汽车", "扫地机器人"],
    "n": ["2", "3", "5", "8", "12", "15", "20", "30", "45", "60"],
    "p": ["3.5", "8", "12", "15.6", "21", "30", "42", "7.2", "18", "25"],
    "score": ["3比1", "2比0", "1比0", "98比91", "105比99", "3比2", "4比1", "88比80"],
    "month": ["五", "六", "七", "八", "十", "十二"],
}
HEADLINES = {
    "体育": [
        "{team}主场{score}战胜对手，{player}独得{n}分", "联赛第{n}轮：{team}客场{score}取胜",
        "乒乓球世界杯：{player}直落四局晋级决赛", "{player}打破全国纪录，摘得游泳项目金牌",
        "{city}马拉松开跑，{n}万名跑者参赛", "{team}官宣新主帅，目标重返季后赛",
        "女排世界联赛首战告捷，3比1力克对手", "短道速滑队在{city}集训备战冬奥",
        "{player}伤愈复出，{team}迎来重要补强", "{city}将承办明年亚洲杯预选赛",
        "{team}签下{player}，转会费创俱乐部纪录", "羽毛球公开赛：{player}逆转夺冠",
        "{team}遭遇{n}连败，主教练面临下课压力", "全运会{city}赛区场馆全部完工",
        "{player}宣布退役，结束{n}年职业生涯", "{company}成为{team}新赛季主赞助商",
        "田径大奖赛：{player}百米跑出个人最好成绩", "{team}青训出身的{player}入选国家队",
        # the last six templates of each topic appear only in dev/test (see write_topics)
        "{player}在{city}站比赛中卫冕成功", "国家队公布{month}月集训名单，{player}落选",
        "{team}主场上座率创新高，球迷热情高涨", "{player}获评本赛季最有价值球员",
        "冬季两项世界杯：中国选手首次登上领奖台", "{city}体育中心改造完成，将迎来首场比赛",
    ],
    "财经": [
        "央行宣布下调存款准备金率0.5个百分点", "{company}发布三季度财报，净利润同比增长{p}%",
        "A股三大指数集体收涨，{sector}板块领涨", "{company}拟赴港上市，募资约{n}亿元",
        "人民币对美元汇率小幅回升", "{city}出台新政支持首套住房贷款", "{sector}股午后跳水，{company}跌停",
        "国际油价连续{n}日下跌", "{company}完成{n}亿元融资，估值翻倍",
        "前十个月社会消费品零售总额同比增长{p}%", "{company}股东大会通过分红方案",
        "黄金价格创年内新高", "{sector}行业利润下滑，多家公司下调全年预期",
        "{company}收购同行，交易金额超{n}亿元", "北向资金净流入{n}亿元，{sector}获加仓",
        "{company}一季度营收{n}亿元，{sector}业务增长{p}%", "{city}发布消费券，拉动零售额增长{p}%",
        "电影《{title}》热映，{company}股价应声上涨",
        "{company}股价单日大涨{p}%，市值突破千亿", "统计局：{month}月居民消费价格同比上涨{p}%",
        "{sector}龙头{company}宣布回购股份", "多家银行下调定期存款利率", "{company}发行{n}亿元债券，认购踊跃",
        "{city}二手房成交量环比增长{p}%",
    ],
    "科技": [
        "{company}发布新一代{product}，续航提升{p}%", "国产芯片实现量产，性能接近国际主流水平",
        "{company}开源{n}亿参数大模型", "研究团队研发新型固态电池，充电十分钟续航四百公里",
        "{product}系统更新：新增离线翻译功能", "我国成功发射遥感卫星，将用于灾害监测",
        "{company}推出折叠屏{product}，起售价下探", "5G基站总数突破{n}0万个",
        "自动驾驶出租车在{city}开展试运营", "量子计算原型机实现{n}比特纠缠",
        "{company}智能手表新增马拉松配速提醒功能", "AI生成的电影预告片引发行业讨论",
        "{city}建成算力中心，支持{n}家企业训练模型", "{company}公布{product}专利，屏下摄像头技术升级",
        "科学家利用人工智能预测蛋白质结构", "{company}研发的机器人学会整理衣物",
        "新型{product}采用{n}纳米制程处理器", "{city}试点无人机送快递，最快{n}分钟送达",
        "{company}发布自研操作系统，兼容主流应用", "{city}开通首条低空无人机航线", "新一代{product}支持卫星通话",
        "研究人员让机器人在{n}分钟内学会新技能", "{company}数据中心全部改用液冷技术", "国产大飞机完成{n}小时试飞",
    ],
    "娱乐": [
        "电影《{title}》票房突破{n}亿元", "{star}新专辑发布，主打歌上线一小时播放破百万",
        "{star}担任新一季选秀节目导师", "《{title}》定档{month}月，{star}领衔主演",
        "{star}工作室发布声明回应近期传闻", "歌唱节目总决赛落幕，{star}夺得冠军",
        "{star}{city}演唱会门票开售即售罄", "电视剧《{title}》收视登顶，网友热议结局",
        "电影节公布入围名单，{n}部国产片入选", "综艺节目邀请奥运冠军{player}担任嘉宾",
        "{star}与{star}合作新歌上线", "《{title}》续集开机，原班人马回归",
        "{star}凭《{title}》提名最佳女主角", "{star}首次执导电影，题材聚焦{city}往事",
        "动画电影《{title}》曝光新预告", "{star}婚礼在{city}低调举行", "《{title}》官宣{star}加盟",
        "音乐节{city}站阵容公布，{star}压轴登场",
        "{star}新剧开播，首日播放量破{n}亿", "《{title}》原声带登上音乐榜首", "{star}获颁年度最受欢迎歌手",
        "{star}在综艺节目中挑战极限运动", "话剧《{title}》{city}首演一票难求", "{star}{city}粉丝见面会现场火爆",
    ],
}


HELD_OUT = 6  # templates per topic never used for training: dev/test measure generalisation


def make_headline(rng: random.Random, topic: str, for_training: bool) -> str:
    """One headline of ``topic`` with its slots filled."""
    templates = HEADLINES[topic]
    template = rng.choice(templates[:-HELD_OUT] if for_training else templates)
    out = template
    used: set[str] = set()  # "{star}与{star}" names two different people
    while "{" in out:
        start = out.index("{")
        end = out.index("}", start)
        value = rng.choice([v for v in SLOTS[out[start + 1:end]] if v not in used])
        used.add(value)
        out = out[:start] + value + out[end + 1:]
    return out


# --------------------------------------------------------------------------------------------


def _unique(rng: random.Random, make, count: int, seen: set[str]) -> list[str]:
    out: list[str] = []
    while len(out) < count:
        text = make()
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def _write(path: Path, rows: list[tuple[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("text\tlabel\n")
        for text, label in rows:
            assert "\t" not in text and "\n" not in text
            f.write(f"{text}\t{label}\n")


PER_DOMAIN = 170  # reviews per domain and label: 6 x 170 = 1,020 per label, 2,040 in all
SPLIT = (820, 100, 100)  # train / dev / test per label


def write_reviews(folder: Path, seed: int = 20240601) -> None:
    """1,640 / 200 / 200 reviews, half 正面 half 负面, spread over the six domains."""
    rng = random.Random(seed)
    seen: set[str] = set()
    splits: dict[str, list[tuple[str, str]]] = {"train": [], "dev": [], "test": []}
    for positive, label in ((True, "正面"), (False, "负面")):
        texts: list[str] = []
        for domain in REVIEWS:
            texts += _unique(rng, lambda d=domain, p=positive: make_review(rng, d, p), PER_DOMAIN, seen)
        rng.shuffle(texts)
        n_train, n_dev, _ = SPLIT
        splits["train"] += [(t, label) for t in texts[:n_train]]
        splits["dev"] += [(t, label) for t in texts[n_train:n_train + n_dev]]
        splits["test"] += [(t, label) for t in texts[n_train + n_dev:]]
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in splits.items():
        rng.shuffle(rows)
        _write(folder / f"{name}.tsv", rows)


def write_topics(folder: Path, seed: int = 20240602) -> None:
    """200 / 50 / 50 headlines, 75 per topic."""
    rng = random.Random(seed)
    seen: set[str] = set()
    splits: dict[str, list[tuple[str, str]]] = {"train": [], "dev": [], "test": []}
    for k, topic in enumerate(HEADLINES):
        train = _unique(rng, lambda t=topic: make_headline(rng, t, True), 50, seen)
        held = _unique(rng, lambda t=topic: make_headline(rng, t, False), 25, seen)
        n_dev = 12 + k % 2  # 12, 13, 12, 13 -> 50
        splits["train"] += [(t, topic) for t in train]
        splits["dev"] += [(t, topic) for t in held[:n_dev]]
        splits["test"] += [(t, topic) for t in held[n_dev:]]
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in splits.items():
        rng.shuffle(rows)
        _write(folder / f"{name}.tsv", rows)


if __name__ == "__main__":
    write_reviews(HERE / "reviews_zh")
    write_topics(HERE / "news_topics_zh")
    print("written:", HERE / "reviews_zh", HERE / "news_topics_zh")
