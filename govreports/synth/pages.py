"""Full portal detail pages around a report body, in the styles of real government CMS families.

Each style puts the chrome where its family does (PORTALS.md): head metadata set,
header and navigation, breadcrumb, title, the 发布时间/来源/浏览次数 line, font-size
controls, the body container, share/print/close controls, the QR notice, related-link
boxes, attachments and the footer. Used by the page tests, the benchmarks and the demo.
"""

from __future__ import annotations

from html import escape

from govreports.synth.furniture import badges, departments, footer_sites, head_assets, nav, related, top
from govreports.synth.render import to_traditional

STYLES = ("trs", "hanweb", "ucap", "dede", "handmade")

#: Every chrome string the styles emit: none may survive cleaning.
CHROME_STRINGS = (
    "当前位置", "首页", "浏览次数", "字体", "打印本页", "关闭窗口", "分享到", "扫一扫在手机打开当前页", "相关链接",
    "网站标识码", "ICP备", "公网安备", "主办单位", "我要纠错", "责任编辑", "阅读次数", "【打印此页】", "【关闭窗口】",
    "扫码查看手机版", "无障碍", "长者模式", "网站地图", "索引号", "上一篇", "点击数",
)


def _head(title: str, site: str, pub: str, source: str, column: str, charset: str, assets: str = "") -> str:
    return (f'<head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>{escape(title)}_{escape(column)}_{escape(site)}</title>"
            f'<meta name="SiteName" content="{escape(site)}"><meta name="SiteDomain" content="www.example.gov.cn">'
            f'<meta name="SiteIDCode" content="1101090001"><meta name="ColumnName" content="{escape(column)}">'
            f'<meta name="ArticleTitle" content="{escape(title)}"><meta name="PubDate" content="{pub}">'
            f'<meta name="ContentSource" content="{escape(source)}"><meta name="Keywords" content="信息公开,年度报告">'
            '<link rel="stylesheet" href="/css/style.css"><script src="/js/jquery.min.js"></script>'
            '<script>var _hmt = _hmt || []; function setFontSize(s){document.getElementById("zoom").style.fontSize=s+"px";}</script>'
            f"{assets}</head>")


def _header(site: str) -> str:
    return (f'<div class="header"><div class="top-bar"><a href="/">{escape(site)}</a> <a href="/wza/">无障碍</a> '
            '<a href="/elder/">长者模式</a> <a href="/big5/">繁體版</a></div>'
            '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
            '<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div></div>')


def _footer(site: str) -> str:
    return (f'<div class="footer"><p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>'
            f"<p>主办单位：{escape(site)}办公室 网站标识码：1101090001</p>"
            '<p>京ICP备05060933号 京公网安备 11010902000001号</p></div>')


def _attachments(attachments: tuple[tuple[str, str], ...]) -> str:
    if not attachments:
        return ""
    items = "".join(f'<li><a href="{escape(u)}">{escape(t)}</a></li>' for u, t in attachments)
    return f'<div class="fujian"><span>附件下载：</span><ul>{items}</ul></div>'


def wrap_page(body_html: str, *, style: str = "trs", title: str, published_at: str = "2022-01-20 10:30",
              source: str = "区政府办公室", site_name: str = "某某区人民政府", column: str = "政府信息公开年报",
              attachments: tuple[tuple[str, str], ...] = (), traditional: bool = False,
              charset: str = "utf-8", views: str = "1024", furniture: bool = False) -> str:
    """A full detail page of the given CMS style around ``body_html``.

    ``furniture``: the scripts, menus, department list, related links and footer site lists a real
    portal page carries (:mod:`govreports.synth.furniture`: ~21 KB, lighter still than real pages);
    without it the chrome is only what the page step must recognise (~2.5 KB).
    """
    t, s, site = escape(title), escape(source), site_name
    head = _head(title, site, published_at, source, column, charset, head_assets() if furniture else "")
    att = _attachments(attachments)
    upper = top(site) + nav(site) if furniture else ""
    side = departments(site) + related(site, column) if furniture else ""
    lower = footer_sites() + badges() if furniture else ""
    if style == "trs":
        page = (f"<html>{head}<body>{_header(site)}{upper}"
                f'<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; '
                f'<a href="../">{escape(column)}</a></div>'
                f'<div class="main"><div class="article"><h1 class="title">{t}</h1>'
                f'<div class="info"><span>发布时间：{published_at}</span> <span>来源：{s}</span> '
                f'<span>浏览次数：<script>document.write("{views}")</script></span> '
                '<span class="font">字体：[<a href="javascript:setFontSize(18)">大</a> '
                '<a href="javascript:setFontSize(16)">中</a> <a href="javascript:setFontSize(14)">小</a>]</span></div>'
                f'<div id="zoom"><div class="TRS_Editor">{body_html}</div></div>{att}'
                '<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>'
                '<div class="tools"><a href="javascript:window.print()">【打印本页】</a> '
                '<a href="javascript:window.close()">【关闭窗口】</a></div>'
                '<div id="qr_container"><img src="/qr.png"><p>扫一扫在手机打开当前页</p></div>'
                '<div class="related"><h3>相关链接</h3><ul><li><a href="/zcjd/1.html">政策解读：关于年度报告的说明</a></li></ul></div>'
                f"</div>{side}</div>{lower}{_footer(site)}</body></html>")
    elif style == "hanweb":
        page = (f"<html>{head}<body>{_header(site)}{upper}"
                f'<table width="1000" class="layout"><tr><td class="bt-position">您现在的位置：<a href="/">首页</a> &gt; '
                f"<a href=\"/col/col1234/index.html\">{escape(column)}</a></td></tr>"
                f'<tr><td><div class="bt-title">{t}</div>'
                f'<div class="bt-info"><span class="bt-date">发布日期：{published_at}</span> '
                f'<span class="bt-source">信息来源：{s}</span> <span>点击数：<iframe src="/module/visitcount/'
                'articlehits.jsp?colid=1234&artid=1"></iframe></span> '
                '<span>【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span></div>'
                f'<div class="bt-content zoom"><meta name="ContentStart">{body_html}<meta name="ContentEnd"></div>'
                f"{att}"
                '<div class="bt-tools">【<a href="javascript:window.print()">打印此页</a>】 【<a href="javascript:'
                'window.close()">关闭窗口</a>】 【<a href="/jiucuo/">我要纠错</a>】</div>'
                '<div class="ewm"><img src="/ewm.png">扫码查看手机版</div>'
                f"</td><td class=\"side\">{side}</td></tr></table>{lower}{_footer(site)}</body></html>")
    elif style == "ucap":
        page = (f"<html>{head}<body>{_header(site)}{upper}"
                '<div class="crumb">当前位置：首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>'
                '<table class="xxgk-meta"><tr><td>索引号：</td><td>11010900/2022-00015</td><td>主题分类：</td>'
                f"<td>综合政务</td></tr><tr><td>发文机关：</td><td>{s}</td><td>成文日期：</td>"
                f"<td>{published_at[:10]}</td></tr><tr><td>发文字号：</td><td>无</td><td>发布日期：</td>"
                f"<td>{published_at[:10]}</td></tr><tr><td>有效性：</td><td>有效</td></tr></table>"
                f'<div class="pages-title"><h1>{t}</h1></div>'
                f'<div class="pages-date">{published_at}　来源：{s}　【字体：<span>大</span> <span>中</span> '
                '<span>小</span>】</div>'
                f'<div id="UCAP-CONTENT" class="pages_content">{body_html}</div>{att}'
                '<div class="editor">责任编辑：王某某</div>'
                '<div class="pages-print"><a href="#">【我要纠错】</a> <a href="javascript:window.print()">【打印此页】</a>'
                ' <a href="javascript:window.close()">【关闭窗口】</a></div>'
                '<div id="qr_container">扫一扫在手机打开当前页面</div>'
                '<div class="xgwj"><h4>相关稿件</h4><ul><li><a href="/x.html">某区2021年政府信息公开工作年度报告</a>'
                f"</li></ul></div>{side}{lower}{_footer(site)}</body></html>")
    elif style == "dede":
        page = (f"<html>{head}<body>{_header(site)}{upper}"
                '<div class="place"><strong>当前位置:</strong> <a href="/">主页</a> &gt; <a href="/a/xxgk/">信息公开</a>'
                " &gt; </div>"
                f'<div class="viewbox"><div class="title"><h2>{t}</h2></div>'
                f'<div class="info"><small>时间:</small>{published_at}<small>来源:</small>{s}'
                f'<small>作者:</small>admin<small>点击:</small><script src="/plus/count.php?aid=1"></script>次</div>'
                f'<div class="content"><table width="100%"><tr><td>{body_html}</td></tr></table></div>{att}'
                '<div class="boxoff"><strong>------分隔线----------------------------</strong></div>'
                '<div class="context"><ul><li>上一篇：<a href="/a/1.html">某区2021年度部门决算</a></li>'
                "<li>下一篇：没有了</li></ul></div>"
                '<div class="actbox"><ul><li id="act-fav"><a href="#">收藏</a></li><li id="act-err">'
                '<a href="#">挑错</a></li><li id="act-pus"><a href="#">推荐</a></li><li id="act-pnt">'
                '<a href="#" onclick="window.print();">打印</a></li></ul></div></div>'
                f"{side}{lower}{_footer(site)}</body></html>")
    elif style == "handmade":
        page = (f"<html>{head}<body>"
                f'<table width="960" align="center"><tr><td><img src="/images/banner.jpg" alt="{escape(site)}"></td></tr>'
                '<tr><td>您的位置：<a href="/">首页</a> &gt;&gt; 政府信息公开年度报告</td></tr>'
                f'<tr><td align="center"><font size="4"><b>{t}</b></font></td></tr>'
                f'<tr><td align="center">发布时间：{published_at}&nbsp;&nbsp;阅读次数：{views}&nbsp;&nbsp;'
                '【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</td></tr>'
                f"<tr><td>{body_html}{att}</td></tr>"
                '<tr><td align="center">扫一扫在手机打开当前页</td></tr>'
                f"<tr><td>{related(site, column) if furniture else ''}</td></tr>"
                f'<tr><td align="center">版权所有：{escape(site)} 主办单位：{escape(site)}办公室 网站标识码：1101090001 '
                "京ICP备05060933号</td></tr></table></body></html>")
    else:
        raise ValueError(f"unknown page style {style!r}; one of {STYLES}")
    return to_traditional(page) if traditional else page


def encode_page(html: str, encoding: str = "utf-8") -> bytes:
    """Bytes as the portal serves them; the meta charset already names ``encoding`` (wrap_page(charset=…))."""
    codec = "gb18030" if encoding.lower() in ("gbk", "gb2312", "gb18030") else encoding
    return html.encode(codec, "xmlcharrefreplace")
