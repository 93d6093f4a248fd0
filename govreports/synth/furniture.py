"""The furniture a real portal page carries around its article, at its real weight.

Saved detail pages of real government portals hold 30,000–47,000 characters of chrome: script
and style blocks, a search box, a two-level navigation menu, a list of the government's
departments, related links, and a footer of site lists, record numbers and badges. The
synthetic pages' chrome was a tenth of that, so every measure taken on them (the page step's
work, the parse benchmark's ratio to lxml) was taken on pages lighter than any a crawl meets.
Deterministic: the same site gives the same furniture.
"""

from __future__ import annotations

from html import escape

#: Strings of the furniture that no report holds: none may survive cleaning.
FURNITURE_STRINGS = ("欢迎访问", "热门搜索", "区情概况", "部门信息公开", "国务院部门网站", "区县政府网站", "checkForm",
                     "dynamicLoadJs", ".mainnav")

_NAV = (
    ("首页", "/", ()),
    ("走进{area}", "/zjxq/", ("区情概况", "历史沿革", "行政区划", "人口民族", "自然地理", "经济发展", "旅游资源")),
    ("政务公开", "/zwgk/", ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "政府文件",
                        "政策解读", "人事信息", "财政预决算", "规划计划", "统计信息", "重点领域信息公开")),
    ("政务服务", "/zwfw/", ("个人办事", "法人办事", "便民服务", "办事指南", "表格下载", "在线预约", "好差评")),
    ("互动交流", "/hdjl/", ("区长信箱", "网上调查", "在线访谈", "意见征集", "常见问题", "留言选登")),
    ("专题专栏", "/ztzl/", ("优化营商环境", "乡村振兴", "法治政府建设", "生态环境保护", "安全生产", "疫情防控")),
    ("数据开放", "/sjkf/", ("数据目录", "数据接口", "开放成果")),
)
_DEPARTMENTS = (
    "政府办公室", "发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "公安分局", "民政局", "司法局",
    "财政局", "人力资源和社会保障局", "自然资源局", "生态环境分局", "住房和城乡建设局", "交通运输局", "水务局",
    "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局",
    "市场监督管理局", "统计局", "医疗保障局", "城市管理局", "信访局", "政务服务数据管理局", "投资促进局",
    "机关事务管理局", "档案馆", "融媒体中心", "街道办事处", "税务局",
)
_SITES = (
    ("国务院部门网站", ("外交部", "国防部", "国家发展和改革委员会", "教育部", "科学技术部", "工业和信息化部", "国家民族事务委员会",
                   "公安部", "民政部", "司法部", "财政部", "人力资源和社会保障部", "自然资源部", "生态环境部",
                   "住房和城乡建设部", "交通运输部", "水利部", "农业农村部", "商务部", "文化和旅游部")),
    ("省市政府网站", ("北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市",
                  "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省")),
    ("区县政府网站", ("东城区", "西城区", "朝阳区", "海淀区", "丰台区", "石景山区", "门头沟区", "房山区", "通州区", "顺义区",
                  "昌平区", "大兴区", "怀柔区", "平谷区")),
)
_HEAD_SCRIPT = """
<script type="text/javascript">
    var isPC = IsPC();
    function IsPC() {
        var userAgentInfo = navigator.userAgent;
        var agents = ["Android", "iPhone", "SymbianOS", "Windows Phone", "iPad", "iPod"];
        for (var v = 0; v < agents.length; v++) {
            if (userAgentInfo.indexOf(agents[v]) > 0) { return false; }
        }
        return true;
    }
    function dynamicLoadJs(url, callback) {
        var head = document.getElementsByTagName('head')[0];
        var script = document.createElement('script');
        script.type = 'text/javascript';
        script.src = url;
        if (typeof(callback) == 'function') {
            script.onload = script.onreadystatechange = function () {
                if (!this.readyState || this.readyState === "loaded" || this.readyState === "complete") {
                    callback();
                    script.onload = script.onreadystatechange = null;
                }
            };
        }
        head.appendChild(script);
    }
    if (!isPC && window.sessionStorage.getItem("isPc") != "true") {
        dynamicLoadJs('/images/base_mobile_v2021.js');
    }
    var _hmt = _hmt || [];
    (function() {
        var hm = document.createElement("script");
        hm.src = "https://hm.baidu.com/hm.js?6b2c4b1e2a0f9d5c3e7a8b9c0d1e2f3a";
        var s = document.getElementsByTagName("script")[0];
        s.parentNode.insertBefore(hm, s);
    })();
</script>
"""
_STYLE = """
<style type="text/css">
    .header .top-bar { height: 36px; line-height: 36px; background: #f5f5f5; border-bottom: 1px solid #e5e5e5; }
    .header .top-bar a { color: #666; margin: 0 8px; font-size: 13px; }
    .mainnav { height: 52px; background: #c41e1e; }
    .mainnav > ul > li { float: left; position: relative; width: 142px; text-align: center; }
    .mainnav > ul > li > a { display: block; color: #fff; font-size: 18px; line-height: 52px; }
    .mainnav .sub { display: none; position: absolute; top: 52px; left: 0; width: 142px; background: #fff; }
    .mainnav li:hover .sub { display: block; }
    .side-depts li { height: 32px; line-height: 32px; border-bottom: 1px dashed #ddd; overflow: hidden; }
    .footer { margin-top: 30px; padding: 24px 0; background: #3a3a3a; color: #ccc; font-size: 13px; }
    .footer select { width: 220px; height: 30px; margin: 0 10px; }
</style>
"""
_SEARCH_SCRIPT = """
<script>
    function checkForm() {
        var word = $.trim($("#searchword").val()).replace(/script|iframe|alert/ig, '');
        $("#searchword").val(word);
        if (word == "" || word == "请输入关键词") { alert("请输入关键词"); return false; }
        return true;
    }
</script>
"""


def head_assets() -> str:
    """What a real page's ``<head>`` holds besides its metadata: stylesheets, scripts, a style block."""
    links = "".join(f'\n<link rel="stylesheet" type="text/css" href="/images/{name}.css">'
                    for name in ("base_pc_v2021", "common_v2021", "article_v2021"))
    scripts = "".join(f'\n<script type="text/javascript" src="/images/{name}.js"></script>'
                      for name in ("jquery-1.12.4.min", "jquery.SuperSlide.2.1.1", "common_v2021", "share"))
    return links + scripts + _HEAD_SCRIPT + _STYLE


def top(site: str) -> str:
    """The top bar and the search box (with its inline script and hot words)."""
    hot = "".join(f'\n            <a href="/search/?searchword={w}" target="_blank">{w}</a>'
                  for w in ("政府信息公开", "营商环境", "社保查询", "招聘公告", "年度报告"))
    return f"""
<div class="top-links">
    <div class="w1200">
        <span class="welcome">欢迎访问{escape(site)}门户网站</span>
        <ul>
            <li><a href="https://mail.example.gov.cn/" target="_blank">邮箱</a></li>
            <li><a href="/gate/big5/www.example.gov.cn/" title="繁体版">繁</a></li>
            <li><a href="/english/" target="_blank">EN</a></li>
            <li><a href="javascript:void(0)" id="cniil_wza" title="无障碍">无障碍</a></li>
            <li><a href="/m/" class="AppBtn">手机版</a></li>
        </ul>
    </div>
</div>
<div class="logo-search">
    <div class="w1200">
        <a class="logo" href="/"><img src="/images/logo_v2021.png" alt="{escape(site)}"></a>
        <form action="/search/" method="get" target="_blank" onsubmit="return checkForm();">
            <input id="searchword" name="searchword" class="searchText" type="text" placeholder="请输入关键词">
            <input type="hidden" name="siteid" value="1101090001">
            <button type="submit" class="searchBtn">搜索</button>
        </form>{_SEARCH_SCRIPT}
        <div class="hot-words">热门搜索：{hot}
        </div>
    </div>
</div>"""


def nav(site: str) -> str:
    """The two-level navigation menu."""
    area = site.replace("人民政府", "")
    items = []
    for label, href, subs in _NAV:
        sub = "".join(f'\n                <li><a href="{href}{k:02d}/" target="_blank">{escape(s)}</a></li>'
                      for k, s in enumerate(subs))
        block = f'\n            <ul class="sub">{sub}\n            </ul>' if subs else ""
        items.append(f'\n        <li class="nav-item"><a href="{href}">{escape(label.format(area=area))}</a>{block}\n        </li>')
    return f'\n<div class="mainnav">\n    <ul class="w1200">{"".join(items)}\n    </ul>\n</div>'


def departments(site: str) -> str:
    """The side list of the government's departments (each a link to its disclosure column)."""
    area = site.replace("人民政府", "")
    items = "".join(f'\n        <li><span>·</span><a href="/zwgk/bm/dept{k:03d}/" target="_blank" class="c-font1">'
                    f"{escape(area + d)}</a></li>" for k, d in enumerate(_DEPARTMENTS))
    return (f'\n<div class="side-depts">\n    <div class="side-title"><span>部门信息公开</span></div>'
            f'\n    <ul>{items}\n    </ul>\n</div>')


def related(site: str, column: str) -> str:
    """Other articles of the column (past years' reports among them)."""
    area = site.replace("人民政府", "")
    titles = [f"{area}{y}年政府信息公开工作年度报告" for y in (2021, 2020, 2019)]
    titles += ["关于做好政府信息公开工作年度报告编制发布工作的通知", f"{area}政府信息公开指南", f"{area}政府信息公开制度"]
    items = "".join(f'\n        <li><a href="/zwgk/{k}/t2022011{k}_{4000 + k}.html" target="_blank">{escape(t)}</a>'
                    f"<span>2022-01-1{k}</span></li>" for k, t in enumerate(titles))
    return f'\n<div class="list-related">\n    <h3>{escape(column)}</h3>\n    <ul>{items}\n    </ul>\n</div>'


def footer_sites() -> str:
    """The footer's lists of other government sites, as dropdowns."""
    selects = []
    for label, names in _SITES:
        options = "".join(f'\n            <option value="http://www.example{k}.gov.cn/">{escape(n)}</option>'
                          for k, n in enumerate(names))
        selects.append(f'\n        <select onchange="if(this.value) window.open(this.value);">'
                       f'\n            <option value="">{escape(label)}</option>{options}\n        </select>')
    return f'\n<div class="footer-links">\n    <div class="w1200">{"".join(selects)}\n    </div>\n</div>'


def badges() -> str:
    """The badges and counters below the footer (党政机关 mark, 找错, statistics), with their scripts."""
    return """
<div class="footer-badges">
    <span id="_ideConac"><script type="text/javascript" src="https://dcs.conac.cn/js/01/000/0000/60429971/CA010000000604299710001.js"></script></span>
    <span id="_span_jiucuo"><script id="_jiucuo_" sitecode="1101090001" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script></span>
    <script type="text/javascript">document.write(unescape("%3Cspan id='cnzz_stat_icon_1279'%3E%3C/span%3E"));</script>
</div>"""
