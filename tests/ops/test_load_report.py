"""The load runner's reading of locust's CSV and the docs/load.md section it writes."""

from bench.load import report, stats
from bench.load.race import RaceResult

HEADER = ("Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
          "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
          "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%\n")


def test_figures_are_read_from_locust_csv_and_written_with_the_race(tmp_path):
    (tmp_path / "run_stats.csv").write_text(
        HEADER
        + "GET,hộ: danh sách,120,0,80,95,30,900,5000,2.0,0,80,90,100,110,150,300,500,700,900,900,900\n"
        + ",Aggregated,300,0,70,90,20,1200,4000,5.0,0,70,85,95,100,140,250,400,600,1200,1200,1200\n")
    figures = stats.read(tmp_path / "run")
    assert figures["total"]["requests"] == 300 and figures["total"]["p95"] == 250
    assert figures["rows"][0]["name"] == "hộ: danh sách"
    figures.update(users=50, seconds=150, workers=4, load_before=1.5,
                   race=RaceResult(200, 50, 30, 50, 150, {}, 3.2, 80))
    page = report.section(figures)
    assert "| requests per second | 5.0 |" in page
    assert "70 / 250 / 600 ms" in page
    assert "50 were registered" in page and "exactly the free seats" in page
    assert "requests 300, failures 0" in report.text(figures)


def test_each_run_rewrites_only_its_own_block_of_the_page(tmp_path):
    page = tmp_path / "load.md"
    report.write_section(page, "mixed", "## Mixed\nfirst")
    report.write_section(page, "throughput", "## Throughput\nfirst")
    text = page.read_text() + "\n## Reading\nwritten by hand\n"
    page.write_text(text)
    report.write_section(page, "mixed", "## Mixed\nsecond")
    body = page.read_text()
    assert body.startswith("# Load and concurrency")
    assert "second" in body and "## Mixed\nfirst" not in body
    assert "## Throughput\nfirst" in body and "written by hand" in body


def test_throughput_figures_and_verdict():
    from bench.load.throughput import PageRun, section, text

    fast = PageRun("danh sách", "/ho-gia-dinh/", seconds=10.0, latencies=[0.008] * 2500 + [0.02] * 10)
    slow = PageRun("lọc", "/ho-gia-dinh/?class=poor", seconds=10.0, latencies=[0.012] * 1500)
    assert fast.rps == 251 and fast.passed
    assert round(fast.percentile(50), 1) == 8.0 and fast.percentile(99) < 25
    assert not slow.passed  # 150 requests/s
    figures = {"runs": [fast, slow], "connections": 2, "workers": 2, "households": 1_000_000,
               "communes": 3000, "seconds": 10.0, "load_before": 0.3}
    assert "PASS: danh sách" in text(figures) and "FAIL: lọc" in text(figures)
    assert "| 251 |" in section(figures) and "| FAIL |" in section(figures)


def test_the_performance_page_copies_the_load_blocks(tmp_path):
    from bench.report import _load_section, load_blocks

    page = tmp_path / "load.md"
    report.write_section(page, "mixed", "## Mixed load\n| requests | 10 |")
    report.write_section(page, "throughput", "## Household list\n| 222 |")
    section = "\n".join(_load_section(load_blocks(page)))
    assert "### Mixed load" in section and "### Household list" in section and "| 222 |" in section
    assert "has not been run" in "\n".join(_load_section(load_blocks(tmp_path / "missing.md")))
