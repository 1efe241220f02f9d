"""Issue 12's selection, in a real browser, as a case worker, an employer contact and a candidate:
the case worker runs matching again on the demo's intake in matching, watches the run to its end,
reviews a place's shortlist with the score's explanation, takes a candidate off and adds one with a
reason, and publishes (first refused without "replace", so the published lists are never silently
replaced); the employer contact, notified by mail, sees only the shared fields (no name, no person
number), proposes an interview time that the candidate confirms by link without an account,
records the outcome and selects the candidate; the candidate accepts the offer by link; the contact
then sees the name and the case worker's worklist shows the decision waiting. The intake's unfilled
places each carry a reason and download as CSV. The employer's list and the offer page fit a phone
and pass axe.

The interview's outcome can only be recorded once its time has passed, and a time must lie ahead
when proposed and when confirmed (minute precision, Stockholm wall-clock): the contact proposes the
next minute, and the unfilled-places checks and the phone check fill the wait.

Run by run_browser_tests.py; on its own against a running server:
    python3 Tests/Browser/selection_flow.py http://127.0.0.1:8191 /path/to/outbox [password]
"""
import datetime
import os
import re
import sys
import time
import zoneinfo

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import run_browser_tests as b

INTAKE = "Arbetsträning City, vintern"
EMPLOYER = "arbetsgivare@praktik.demo"
CASE_WORKER = "handlaggare@praktik.demo"
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
# A Swedish person number as shown (with its separator) anywhere in the page's source, or as bare
# digits in its visible text (the source holds ids whose hex digits can all be numbers).
PERSON_NUMBER = re.compile(r"(?<![\w-])(?:19|20)?\d{6}[-+]\d{4}(?![\w-])")
BARE_PERSON_NUMBER = re.compile(r"(?<![\w-])(?:19|20)?\d{10}(?![\w-])")


def _no_person_number(driver):
    found = PERSON_NUMBER.search(driver.page_source) or BARE_PERSON_NUMBER.search(_main_text(driver))
    assert not found, "a person number on the employer's page: " + found.group(0)


def _main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def _outbox_names(outbox):
    return set(os.listdir(outbox)) if os.path.isdir(outbox) else set()


def _new_mail(outbox, before, needle, address=None, wait=60):
    """The newest message that arrived in the outbox after `before` (a set of file names) and
    contains `needle` (and is to `address`, when given)."""
    deadline = time.time() + wait
    while time.time() < deadline:
        found = []
        for name in _outbox_names(outbox) - before:
            if name.startswith("."):
                continue
            path = os.path.join(outbox, name)
            try:
                text = open(path, encoding="utf-8").read()
                found.append((os.path.getmtime(path), text))
            except FileNotFoundError:
                continue
        found = [text for _, text in sorted(found) if needle in text.replace("=\r\n", "").replace("=\n", "")
                 and (address is None or f"To: {address}" in text)]
        if found:
            return found[-1]
        time.sleep(0.5)
    raise AssertionError(f"no new mail with {needle!r} to {address or 'anyone'}")


def _link(base, mail, path_part):
    """The link of `path_part` in a mail, on the server under test (the mail's host is the
    configured public address, which the test server does not listen on)."""
    body = mail.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=")
    match = re.search(r"https?://[^/\s]+(" + re.escape(path_part) + r"\S+)", body)
    assert match, "no link in the mail:\n" + body[-800:]
    return base + match.group(1).rstrip(">).,")


def _stockholm_now():
    return datetime.datetime.now(STOCKHOLM)


def _phone_check(driver, what, screenshot):
    """At 390x844: no sideways scrolling, and no serious axe violation."""
    driver.set_window_size(390, 844)
    try:
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390, f"{what} is {width}px wide on a 390px screen"
        driver.save_screenshot(os.path.join(b.SCREENSHOTS, screenshot))
        _axe(driver, what)
    finally:
        driver.set_window_size(1280, 900)


def _axe(driver, what):
    violations = b.axe_violations(driver)
    assert not violations, (what, violations)


def _intake_link(driver, base, suffix):
    b.open_intake(driver, base, INTAKE)
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main a")]
    href = next((h for h in links if h and h.rstrip("/").endswith(suffix)), None)
    assert href, (suffix, links)
    return href


def _run_matching(driver, base):
    """Starts a run on the intake's matching page and follows the page until the run is done;
    returns the review page's address of the new run."""
    matching = _intake_link(driver, base, "/matching")
    driver.get(matching)
    _axe(driver, "the matching page")
    hint = _main_text(driver)
    assert "De publicerade listorna ligger kvar" in hint, hint[:1500]
    published_before = len(driver.find_elements(By.XPATH, "//tbody/tr[contains(., 'publicerad')]"))
    b.submit_and_wait(driver, driver.find_element(By.XPATH, "//button[contains(., 'Kör matchning')]"))
    saw_progress = bool(driver.find_elements(By.TAG_NAME, "progress"))
    deadline = time.time() + 90
    while driver.find_elements(By.TAG_NAME, "progress"):
        assert time.time() < deadline, "the run did not finish in 90 s:\n" + _main_text(driver)[:1000]
        assert "Matchningen pågår" in _main_text(driver)
        time.sleep(1)
        driver.get(matching)  # what the page's own Refresh does every 2 s, without waiting for it
    print(f"     the run {'showed its progress and ' if saw_progress else ''}finished")
    text = _main_text(driver)
    assert "Senaste avslutade körning" in text, text[:1500]
    assert "misslyckades" not in text.lower(), text[:1500]
    # The new run sits beside the published one, which stays published.
    rows = driver.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) >= 2, [r.text for r in rows]
    assert "publicerad" not in rows[0].text.lower(), rows[0].text
    assert len(driver.find_elements(By.XPATH, "//tbody/tr[contains(., 'publicerad')]")) == published_before >= 1
    review = driver.find_element(By.XPATH, "//a[contains(@class, 'button') and contains(@href, '/matching-runs/')]")
    return review.get_attribute("href")


def _review_and_publish(driver, base, review_url, outbox):
    """Takes the first candidate of the first list off and adds one by hand, each with a reason,
    then publishes: refused while another run is published, accepted with "replace". Returns the
    names on the page's lists (the employer must not see them)."""
    driver.get(review_url)
    _axe(driver, "the review page")
    first = driver.find_element(By.CSS_SELECTOR, "main section.card:not(form)")
    place = first.find_element(By.TAG_NAME, "h2").text
    rows = first.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert rows, first.text
    reasons = rows[0].find_elements(By.CSS_SELECTOR, "ul.plain li")
    assert reasons and all(r.text.strip() for r in reasons), "the score's explanation: " + rows[0].text
    removed = rows[0].find_element(By.CSS_SELECTOR, "td a").text
    rows[0].find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys("Har redan tackat nej till branschen.")
    b.submit_and_wait(driver, rows[0].find_element(By.CSS_SELECTOR, "button[type=submit]"))
    section = driver.find_element(By.XPATH, f"//section[h2[normalize-space()={_xpath_literal(place)}]]")
    assert f"{removed}: Har redan tackat nej till branschen." in section.text, section.text

    section.find_element(By.PARTIAL_LINK_TEXT, "Lägg till").click()
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.TAG_NAME, "h1"))
    options = driver.find_elements(By.CSS_SELECTOR, "#candidate option")
    assert options, _main_text(driver)[:1000]
    added = options[0].text.rsplit(" (", 1)[0]
    _axe(driver, "the add form")
    driver.find_element(By.ID, "reason").send_keys("Önskade platsen i samtal med handläggaren.")
    b.submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    section = driver.find_element(By.XPATH, f"//section[h2[normalize-space()={_xpath_literal(place)}]]")
    assert "Tillagd för hand: Önskade platsen i samtal med handläggaren." in section.text, section.text
    assert added in section.find_element(By.TAG_NAME, "tbody").text, (added, section.text)
    names = {a.text for a in driver.find_elements(By.CSS_SELECTOR, "main tbody td a") if a.text.strip()}

    # Publishing without "replace" is refused: the lists published earlier stay in force.
    before = _outbox_names(outbox)
    b.submit_and_wait(driver, driver.find_element(By.XPATH, "//button[contains(., 'Publicera listorna')]"))
    alert = driver.find_element(By.CSS_SELECTOR, "[role=alert]").text
    assert "Kryssa i rutan för att ersätta" in alert, alert
    driver.find_element(By.ID, "replace").click()
    b.submit_and_wait(driver, driver.find_element(By.XPATH, "//button[contains(., 'Publicera listorna')]"))
    assert driver.find_element(By.CSS_SELECTOR, "main [role=status]").text, "the published notice"
    assert not driver.find_elements(By.XPATH, "//button[contains(., 'Publicera listorna')]"), "a published run is not edited"
    _new_mail(outbox, before, "/employer-portal", address=EMPLOYER)
    return names


def _xpath_literal(text):
    if "'" not in text:
        return f"'{text}'"
    return "concat('" + text.replace("'", "', \"'\", '") + "')"


def _candidate_row(driver, application_id):
    return driver.find_element(
        By.XPATH, f"//tr[.//input[@name='applicationID' and @value='{application_id}']]")


def _choose_candidate(driver):
    """A candidate on a usable list with a free seat, without an offer or interview: returns the
    application's id (a hidden form value; the page shows no name)."""
    for section in driver.find_elements(By.CSS_SELECTOR, "main section.card"):
        if section.find_elements(By.CSS_SELECTOR, ".alert--error"):
            continue
        for row in section.find_elements(By.CSS_SELECTOR, "tbody tr"):
            offer_forms = row.find_elements(By.XPATH, ".//form[contains(@action, '/offers')]")
            proposals = row.find_elements(By.CSS_SELECTOR, "details form")
            offer_cell = row.find_elements(By.CSS_SELECTOR, "td")[-1]
            offer_state = offer_cell.text.replace(offer_forms[0].text, "").strip() if offer_forms else "?"
            if offer_forms and proposals and not offer_state:
                return row.find_element(By.CSS_SELECTOR, "input[name=applicationID]").get_attribute("value")
    raise AssertionError("no candidate to interview and select:\n" + _main_text(driver)[:3000])


def _propose_next_minute(driver, application_id):
    """Proposes the minute after next as the interview time (waiting for a fresh minute when this
    one is nearly over), so that the candidate confirms while it still lies ahead: at least 80 s
    for the mail and the link page. With one minute (20 s at worst) a loaded CI machine let the time
    pass before the candidate's page opened. Returns it."""
    now = _stockholm_now()
    if now.second > 40:
        time.sleep(61 - now.second)
        now = _stockholm_now()
    at = (now + datetime.timedelta(minutes=2)).replace(second=0, microsecond=0)
    row = _candidate_row(driver, application_id)
    row.find_element(By.TAG_NAME, "summary").click()
    field = row.find_element(By.CSS_SELECTOR, "input[name=time1]")
    driver.execute_script("arguments[0].value = arguments[1]", field, at.strftime("%Y-%m-%dT%H:%M"))
    row.find_element(By.CSS_SELECTOR, "details textarea").send_keys("Välkommen till receptionen.")
    b.submit_and_wait(driver, row.find_element(By.CSS_SELECTOR, "details button[type=submit]"))
    row = _candidate_row(driver, application_id)
    assert "Tider skickade, väntar på svar" in row.text, row.text
    return at


def _unfilled_places(driver, base):
    """Each empty place of the intake has a reason; the CSV lists the same places."""
    driver.get(_intake_link(driver, base, "/unfilled"))
    rows = driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=places-heading] tbody tr")
    assert rows, _main_text(driver)[:1500]
    for row in rows:
        reason = row.find_elements(By.TAG_NAME, "td")[3].text.split("\n")[0].strip()
        assert reason, "a place without a reason: " + row.text
    # Fifty places to a page: axe timed out on the whole intake's list, one form per place.
    assert len(rows) <= 50, len(rows)
    violations = b.axe_violations(driver)
    assert not violations, violations
    driver.save_screenshot(os.path.join(b.SCREENSHOTS, "unfilled.png"))
    href = driver.find_element(By.PARTIAL_LINK_TEXT, "Ladda ner CSV").get_attribute("href")
    download = driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'})
          .then(function (r) { return r.text().then(function (t) {
              done({status: r.status, type: r.headers.get('content-type') || '', disposition: r.headers.get('content-disposition') || '', text: t}); }); })
          .catch(function (e) { done({status: 0, type: '', disposition: '', text: String(e)}); });
    """, href)
    assert download["status"] == 200, download
    assert "csv" in download["type"], download["type"]
    lines = [line for line in download["text"].splitlines() if line.strip()]
    assert len(lines) >= len(rows) + 1, (len(lines), len(rows), lines[:3])
    assert "reason" in lines[0], lines[0]


def selection_from_matching_to_accepted_offer(driver, base, outbox, password=None):
    # Not `password=b.PASSWORD`: run_browser_tests imports this module while it is still loading.
    password = password or b.PASSWORD
    started = time.time()
    laps = []

    def lap(what):
        laps.append(f"{what} {time.time() - started:.0f} s")

    # 1. The case worker runs matching again, reviews a list and publishes it in place of the old.
    b.sign_in(driver, base, CASE_WORKER, password)
    review_url = _run_matching(driver, base)
    listed_names = _review_and_publish(driver, base, review_url, outbox)
    assert listed_names

    lap("published")
    # 2. The employer contact sees the lists with shared fields only.
    b.sign_in(driver, base, EMPLOYER, password)
    driver.get(base + "/employer-portal")
    menu = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main a, .site-nav a")]
    assert any(h and h.endswith("/employer-portal/shortlists") for h in menu), menu
    driver.get(base + "/employer-portal/shortlists")
    text = _main_text(driver)
    assert "Kandidat 1" in text, text[:1500]
    _no_person_number(driver)
    shown = [name for name in listed_names if name in driver.page_source]
    assert not shown, f"names on the employer's list before acceptance: {shown}"
    application_id = _choose_candidate(driver)
    before = _outbox_names(outbox)
    at = _propose_next_minute(driver, application_id)

    # The candidate confirms the time by the mailed link, without an account.
    link = _link(base, _new_mail(outbox, before, "/interviews/"), "/interviews/")
    driver.delete_all_cookies()
    driver.get(link)
    radios = driver.find_elements(By.CSS_SELECTOR, "input[name=choice][value='1']")
    assert radios, _main_text(driver)[:1000]
    driver.execute_script("arguments[0].click()", radios[0])
    b.submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "Välkommen!" in _main_text(driver), _main_text(driver)[:1000]

    lap("interview confirmed")
    # 3. While the interview's minute comes: the unfilled places, and the employer's list on a phone.
    b.sign_in(driver, base, CASE_WORKER, password)
    _unfilled_places(driver, base)
    b.sign_in(driver, base, EMPLOYER, password)
    driver.get(base + "/employer-portal/shortlists")
    _phone_check(driver, "the employer's shortlists", "employer-shortlists-phone.png")

    lap("unfilled and phone checked")
    # The interview's time has passed: the outcome, then the selection.
    while _stockholm_now() < at + datetime.timedelta(seconds=1):
        time.sleep(1)
    driver.get(base + "/employer-portal/shortlists")
    row = _candidate_row(driver, application_id)
    assert "Intervjun är bekräftad" in row.text, row.text
    outcome = row.find_element(By.CSS_SELECTOR, "input[name=outcome][value=suitable]")
    driver.execute_script("arguments[0].click()", outcome)
    b.submit_and_wait(driver, outcome.find_element(By.XPATH, "ancestor::form").find_element(By.CSS_SELECTOR, "button[type=submit]"))
    row = _candidate_row(driver, application_id)
    assert "Intervjun är hållen" in row.text, row.text
    before = _outbox_names(outbox)
    b.submit_and_wait(driver, row.find_element(By.XPATH, ".//form[contains(@action, '/offers')]//button"))
    row = _candidate_row(driver, application_id)
    assert "Erbjudande skickat" in row.text, row.text
    before_acceptance = driver.page_source
    _no_person_number(driver)

    lap("selected")
    # The candidate gets the offer by link; the page fits a phone; they accept.
    link = _link(base, _new_mail(outbox, before, "/offers/"), "/offers/")
    driver.delete_all_cookies()
    driver.get(link)
    assert driver.find_elements(By.CSS_SELECTOR, "button[value=accept]"), _main_text(driver)[:1000]
    _phone_check(driver, "the offer page", "offer-phone.png")
    b.submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[value=accept]"))
    assert "Du tackade ja" in _main_text(driver), _main_text(driver)[:1000]

    # The employer now sees the name; the case worker has the decision waiting.
    b.sign_in(driver, base, EMPLOYER, password)
    driver.get(base + "/employer-portal/shortlists")
    accepted = _candidate_row(driver, application_id).find_elements(By.TAG_NAME, "td")[-1].text
    assert accepted.startswith("Tackat ja ·"), accepted
    name = accepted.split("·", 1)[1].strip()
    assert name and name not in before_acceptance, (name, accepted)
    b.sign_in(driver, base, CASE_WORKER, password)
    driver.get(base + "/start")
    waiting = driver.find_element(By.ID, "placements-awaiting-decision").text
    assert name in waiting, (name, waiting)
    lap("decision waiting")
    print("     selection flow: " + ", ".join(laps))


if __name__ == "__main__":
    base_url, outbox_dir = sys.argv[1], sys.argv[2]
    browser = b.make_driver()
    try:
        selection_from_matching_to_accepted_offer(browser, base_url, outbox_dir, *(sys.argv[3:4] or [b.PASSWORD]))
        print("selection flow passed")
    finally:
        browser.quit()
