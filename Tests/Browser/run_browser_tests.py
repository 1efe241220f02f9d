#!/usr/bin/env python3
"""Real-browser test of Praktik's web pages in headless Chromium (Debian's chromium and
chromium-driver, PyPI's selenium and axe-selenium-python).

Starts `praktik serve --demo` on a free port with a throwaway SQLite file, then, as a person would:
reads the sign-in page in Swedish and in English, signs in as every demo role, checks that role's
start page and menu, runs axe-core's WCAG 2.1 A/AA rules on each page, saves screenshots, and signs
out. Prints 'N passed, N failed' and exits non-zero on any failure.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.ui import WebDriverWait

import placement_flow
import selection_flow

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("PRAKTIK_BIN", os.path.join(ROOT, ".build", "debug", "praktik"))
PASSWORD = "browser-test-password"
SCREENSHOTS = os.environ.get("PRAKTIK_SCREENSHOTS", os.path.join(tempfile.gettempdir(), "praktik-screenshots"))

ROLES = {
    "admin@praktik.demo": ("Alva Lindqvist", ["/participants", "/admin/users", "/admin/units", "/admin/api-tokens", "/admin/audit",
                                              "/admin/retention", "/admin/consent-purposes", "/admin/employer-checks",
                                              "/admin/follow-up-templates", "/admin/placement-programmes", "/outcomes/import", "/intakes",
                                              "/admin/programmes"]),
    "handlaggare@praktik.demo": ("Samir Haddad", ["/participants", "/placements", "/employers", "/places", "/employers/signals",
                                                 "/employers/compilation", "/intakes"]),
    "jobbspranget@praktik.demo": ("Hanna Berglund", ["/intakes"]),
    "arbetsgivare@praktik.demo": ("Karin Ek", ["/employer-portal", "/employer-portal/interns"]),
    "analytiker@praktik.demo": ("Jonas Berg", ["/employers/compilation", "/intakes"]),
}

results = []


def check(name, fn, *args):
    """Runs one check and records its outcome; every failure is reported, none hidden."""
    try:
        fn(*args)
        results.append((name, None))
        print(f"ok   {name}", flush=True)
    except Exception as error:  # noqa: BLE001
        results.append((name, error))
        print(f"FAIL {name}: {error!r}", flush=True)
        traceback.print_exc()
        # What the browser showed when the check failed, for the person reading the CI log.
        driver = next((arg for arg in args if isinstance(arg, webdriver.Chrome)), None)
        if driver is not None:
            stem = os.path.join(SCREENSHOTS, "FAIL-" + re.sub(r"[^a-z0-9]+", "-", name.lower())[:60])
            try:
                driver.save_screenshot(stem + ".png")
                with open(stem + ".html", "w", encoding="utf-8") as page:
                    page.write(driver.current_url + "\n" + driver.page_source)
                print(f"     the page at failure: {stem}.png and .html", flush=True)
            except Exception:  # noqa: BLE001
                pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port, workdir, database_url=None):
    env = dict(os.environ)
    env.update({
        "PRAKTIK_SQLITE_PATH": os.path.join(workdir, "browser.sqlite"),
        "PRAKTIK_DEMO_PASSWORD": PASSWORD,
        "PRAKTIK_BCRYPT_COST": "8",
        "PRAKTIK_HOME": ROOT,
        "PRAKTIK_OUTBOX_DIR": os.path.join(workdir, "outbox"),
    })
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    log = open(os.path.join(workdir, "server.log"), "w")
    process = subprocess.Popen([BINARY, "serve", "--demo", "--port", str(port)], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise RuntimeError("server did not become ready; see " + log.name)


def make_driver():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=sv-SE"):
        options.add_argument(argument)
    # A Swedish browser, as most of Praktik's users have: the pages must come in Swedish by default.
    options.add_experimental_option("prefs", {"intl.accept_languages": "sv-SE,sv"})
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def axe_violations(driver):
    """Serious and critical WCAG 2 A/AA violations on the current page (the axe-core bundled with
    axe-selenium-python predates its separate WCAG 2.1 tags)."""
    # axe-selenium-python only supplies the axe-core script here; its own run() wrapper hung on
    # some pages, so axe.run is called directly.
    from axe_selenium_python import Axe
    Axe(driver).inject()
    violations = driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})
           .then(function (r) { done(r.violations.map(function (v) {
               return {id: v.id, help: v.help, impact: v.impact, nodes: v.nodes.length}; })); })
           .catch(function (e) { done([{id: 'axe-error', help: String(e), impact: 'critical', nodes: 0}]); });
    """)
    return [f"{v['id']}: {v['help']} ({v['nodes']} nodes)" for v in violations if v["impact"] in ("serious", "critical")]


def submit_and_wait(driver, button):
    """Clicks a submit button and waits until the browser has loaded the page the form leads to."""
    old_page = driver.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(driver, 20).until(lambda d: _is_stale(old_page))
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")


def _is_stale(element):
    try:
        element.is_enabled()
        return False
    except Exception:  # noqa: BLE001 - StaleElementReferenceException means the page changed
        return True


def sign_in(driver, base, email, password=PASSWORD):
    driver.delete_all_cookies()
    driver.get(base + "/login")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]"))


def login_page_swedish(driver, base):
    driver.delete_all_cookies()
    driver.get(base + "/login")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "sv"
    assert driver.find_element(By.TAG_NAME, "h1").text == "Logga in"
    assert driver.find_element(By.CSS_SELECTOR, "label[for=email]").text == "E-postadress"
    driver.save_screenshot(os.path.join(SCREENSHOTS, "login-sv.png"))
    violations = axe_violations(driver)
    assert not violations, violations


def language_switch(driver, base):
    driver.get(base + "/login")
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".language-switch button[value=en]"))
    assert driver.find_element(By.TAG_NAME, "h1").text == "Sign in"
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert driver.current_url.endswith("/login")
    driver.save_screenshot(os.path.join(SCREENSHOTS, "login-en.png"))
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".language-switch button[value=sv]"))
    assert driver.find_element(By.TAG_NAME, "h1").text == "Logga in"


def wrong_password(driver, base):
    sign_in(driver, base, "admin@praktik.demo", "fel lösenord")
    alert = driver.find_element(By.CSS_SELECTOR, "[role=alert]")
    assert "stämmer inte" in alert.text, alert.text
    assert driver.find_element(By.ID, "email").get_attribute("value") == "admin@praktik.demo"


def role_flow(driver, base, email, name, pages):
    sign_in(driver, base, email)
    assert driver.current_url.endswith("/start"), driver.current_url
    heading = driver.find_element(By.TAG_NAME, "h1").text
    assert name in heading, heading
    role = email.split("@")[0]
    driver.save_screenshot(os.path.join(SCREENSHOTS, f"start-{role}.png"))
    violations = axe_violations(driver)
    assert not violations, violations
    menu = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".site-nav a")]
    for page in pages:
        assert any(href.endswith(page) for href in menu), (page, menu)
        driver.get(base + page)
        assert driver.find_element(By.TAG_NAME, "h1").text, page
        violations = axe_violations(driver)
        assert not violations, (page, violations)
        driver.save_screenshot(os.path.join(SCREENSHOTS, "page" + page.replace("/", "-") + ".png"))
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".site-tools .link-button"))
    # Participants sign in again through the portal, staff through the staff sign-in.
    expected = "/portal/sign-in" if role == "deltagare" else "/login"
    assert driver.current_url.endswith(expected), driver.current_url
    driver.get(base + "/start")
    assert "/login" in driver.current_url, "after sign-out the start page asks for sign-in again"


def admin_creates_unit(driver, base):
    sign_in(driver, base, "admin@praktik.demo")
    driver.get(base + "/admin/units")
    driver.find_element(By.ID, "name").send_keys("Jobbtorg Hässelby")
    driver.find_element(By.ID, "code").send_keys("jt-hassel")
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "section.card form button[type=submit]"))
    table = driver.find_element(By.TAG_NAME, "table").text
    assert "Jobbtorg Hässelby" in table and "JT-HASSEL" in table, table


def fill_participant(driver, fields):
    for name, value in fields.items():
        driver.find_element(By.ID, name).send_keys(value)
    for select, value in (("gender", "woman"), ("birthRegion", "outside_europe"), ("educationLevel", "upper_secondary"),
                          ("benefitType", "forsorjningsstod"), ("language0", "ar"), ("level0", "native")):
        driver.find_element(By.CSS_SELECTOR, f"#{select} option[value='{value}']").click()


def case_worker_registers_participant(driver, base):
    sign_in(driver, base, "handlaggare@praktik.demo")
    driver.get(base + "/participants/new")
    fill_participant(driver, {"firstName": "Hiba", "lastName": "Testsson", "personNumber": "19121212-1212", "email": "hiba@example.se"})
    driver.find_element(By.ID, "tg-newly_arrived").click()
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.form > button[type=submit]"))
    assert driver.find_element(By.TAG_NAME, "h1").text == "Hiba Testsson", driver.find_element(By.TAG_NAME, "h1").text
    assert "19121212-1212" in driver.find_element(By.CSS_SELECTOR, ".facts").text
    driver.save_screenshot(os.path.join(SCREENSHOTS, "participant-record.png"))
    violations = axe_violations(driver)
    assert not violations, violations
    # The same number again is refused, with a link to the record just made.
    driver.get(base + "/participants/new")
    fill_participant(driver, {"firstName": "Dubbel", "lastName": "Nummer", "personNumber": "121212+1212"})
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.form > button[type=submit]"))
    alert = driver.find_element(By.CSS_SELECTOR, "[role=alert]")
    assert "Öppna den befintliga deltagaren" in alert.text, alert.text


def participant_signs_in_by_link(driver, base, outbox):
    driver.delete_all_cookies()
    driver.get(base + "/portal/sign-in")
    driver.find_element(By.ID, "email").send_keys("deltagare@praktik.demo")
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]"))
    assert "Om adressen finns hos oss" in driver.find_element(By.CSS_SELECTOR, "[role=status]").text
    mails = sorted((os.path.join(outbox, f) for f in os.listdir(outbox)), key=os.path.getmtime)
    body = open(mails[-1], encoding="utf-8").read()
    link = next(word for word in body.split() if "/portal/link/" in word)
    driver.get(link)
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]"))
    assert driver.current_url.endswith("/portal"), driver.current_url
    assert "Hej Leyla" in driver.find_element(By.TAG_NAME, "h1").text
    driver.save_screenshot(os.path.join(SCREENSHOTS, "portal.png"))
    violations = axe_violations(driver)
    assert not violations, violations
    # Give the employer-profile consent, then see it in the export page.
    form = driver.find_element(By.CSS_SELECTOR, "form input[name=purpose][value=employer_profile]").find_element(By.XPATH, "..")
    button = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
    action = button.get_attribute("value")
    submit_and_wait(driver, button)
    assert "Sparat" in driver.find_element(By.CSS_SELECTOR, "[role=status]").text
    driver.get(base + "/portal/my-data")
    assert action == "given", action
    assert "Samtycken, hela historiken" in driver.page_source and "Profil synlig för arbetsgivare" in driver.page_source
    assert "employer_profile" not in driver.find_element(By.TAG_NAME, "main").text
    driver.save_screenshot(os.path.join(SCREENSHOTS, "portal-my-data.png"))
    for path in ("/portal", "/portal/my-data", "/account"):
        driver.get(base + path)
        driver.set_window_size(390, 844)
        try:
            width = driver.execute_script("return document.documentElement.scrollWidth")
            assert width <= 390, f"{path} is {width}px wide on a phone"
            text = visible_text_without_code_elements(driver)
            assert not UUID_PATTERN.search(text) and not CODE_PATTERN.search(text), (path, CODE_PATTERN.search(text))
            driver.save_screenshot(os.path.join(SCREENSHOTS, "phone" + path.replace("/", "-") + ".png"))
        finally:
            driver.set_window_size(1280, 900)


def set_value(driver, element_id, value):
    element = driver.find_element(By.ID, element_id)
    driver.execute_script("arguments[0].value = arguments[1]", element, value)


def contact_proposes_and_case_worker_approves(driver, base):
    driver.delete_all_cookies()
    sign_in(driver, base, "arbetsgivare@praktik.demo")
    driver.get(base + "/employer-portal")
    driver.find_element(By.LINK_TEXT, "Föreslå en praktikplats").click()
    driver.find_element(By.ID, "title").send_keys("Webbläsartestets plats")
    driver.find_element(By.ID, "tasks").send_keys("Prova allt")
    set_value(driver, "capacity", "2")
    set_value(driver, "periodStart", "2030-01-07")
    set_value(driver, "periodEnd", "2030-05-31")
    assert not driver.find_elements(By.ID, "unitID"), "the job centre's unit is not the employer's to choose"
    assert not driver.find_elements(By.ID, "regime"), "nor is the regime"
    assert not axe_violations(driver), "the proposal form"
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]"))
    assert "Väntar på godkännande" in driver.page_source, driver.current_url
    driver.save_screenshot(os.path.join(SCREENSHOTS, "portal-proposed.png"))
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".site-tools .link-button"))

    sign_in(driver, base, "handlaggare@praktik.demo")
    driver.get(base + "/places?q=webbl%C3%A4sartestets")
    driver.find_element(By.LINK_TEXT, "Webbläsartestets plats").click()
    assert "Får platsen användas nu?" in driver.page_source
    assert not axe_violations(driver), "the place page"
    Select(driver.find_element(By.ID, "approve-regime")).select_by_value("external")
    submit_and_wait(driver, driver.find_element(By.XPATH, "//button[contains(., 'Godkänn och öppna')]"))
    assert "Öppen" in driver.find_element(By.CSS_SELECTOR, "dl.facts").text
    driver.save_screenshot(os.path.join(SCREENSHOTS, "place-approved.png"))
    driver.get(base + "/employers?q=stockholms+stad")
    driver.find_element(By.CSS_SELECTOR, "tbody a").click()
    assert driver.find_element(By.ID, "checks"), "the employer page shows its checks"
    assert not axe_violations(driver), "the employer page"
    driver.save_screenshot(os.path.join(SCREENSHOTS, "employer.png"))
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".site-tools .link-button"))


def case_worker_imports_csv(driver, base, workdir):
    path = os.path.join(workdir, "import.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("employer_name,organisation_number,sector,address,district,place_title,capacity,period_start,period_end,unit_code\n")
        f.write("Webbläsartest AB,556016-0680,privat,Testgatan 1,Kista,Lagerarbetare,2,2030-01-07,2030-05-31,JT-CITY\n")
        f.write("Felaktig AB,556016-0681,privat,,,,,,,\n")
    driver.delete_all_cookies()
    sign_in(driver, base, "handlaggare@praktik.demo")
    driver.get(base + "/employers/import")
    assert not axe_violations(driver), "the import form"
    driver.find_element(By.ID, "file").send_keys(path)
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]"))
    problems = driver.find_element(By.CSS_SELECTOR, "#problems table").text
    assert "3" in problems and "Kontrollsiffran" in problems, problems
    # A new employer has no checks yet, so its place is imported as a draft, and the page says why.
    drafted = driver.find_element(By.CSS_SELECTOR, "#drafted table").text
    assert "2" in drafted and "Godkänd för F-skatt" in drafted, drafted
    assert not axe_violations(driver), "the import preview"
    driver.save_screenshot(os.path.join(SCREENSHOTS, "import-preview.png"))
    submit_and_wait(driver, driver.find_element(By.XPATH, "//button[contains(., 'Importera 1 giltiga rader')]"))
    summary = driver.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert "Nya praktikplatser\n1" in summary, summary
    driver.save_screenshot(os.path.join(SCREENSHOTS, "import-done.png"))
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".site-tools .link-button"))


def phone_layout(driver, base):
    driver.set_window_size(390, 844)
    try:
        driver.delete_all_cookies()
        driver.get(base + "/login")
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390, f"the page is {width}px wide on a 390px screen"
        driver.save_screenshot(os.path.join(SCREENSHOTS, "login-phone.png"))
    finally:
        driver.set_window_size(1280, 900)


# Intake (issue 11): outreach, an application in English, a completion request, fast screening,
# the funnel by gender on the page and from the command line.

def luhn_personal_number(year, month, day, serial):
    body = f"{year % 100:02d}{month:02d}{day:02d}{serial:03d}"
    total = 0
    for index, char in enumerate(body):
        digit = int(char) * (2 if index % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return f"{year:04d}{month:02d}{day:02d}-{serial:03d}{(10 - total % 10) % 10}"


def outbox_messages(outbox):
    """The messages in the development outbox, oldest first. A message is written to a hidden
    temporary file and then renamed, so hidden files are skipped and a file renamed away meanwhile
    is simply not read."""
    if not os.path.isdir(outbox):
        return []
    texts = []
    for name in os.listdir(outbox):
        if name.startswith("."):
            continue
        path = os.path.join(outbox, name)
        try:
            texts.append((os.path.getmtime(path), open(path, encoding="utf-8").read()))
        except FileNotFoundError:
            continue
    return [text for _, text in sorted(texts, key=lambda pair: pair[0])]


def newest_mail_to(outbox, address, subject_part=None, wait=60):
    """The newest message in the development outbox to `address` (waiting for the job runner)."""
    deadline = time.time() + wait
    while time.time() < deadline:
        for text in reversed(outbox_messages(outbox)):
            if f"To: {address}" in text and (subject_part is None or subject_part in text):
                return text
        time.sleep(0.5)
    raise AssertionError(f"no mail to {address} with {subject_part!r}")


def open_intake(driver, base, name_part):
    driver.get(base + "/intakes")
    driver.find_element(By.PARTIAL_LINK_TEXT, name_part).click()
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")


def case_worker_sends_outreach(driver, base, outbox):
    driver.delete_all_cookies()
    sign_in(driver, base, "jobbspranget@praktik.demo")
    open_intake(driver, base, "Jobbsprånget våren")
    assert not axe_violations(driver), "the intake page"
    driver.save_screenshot(os.path.join(SCREENSHOTS, "intake.png"))
    driver.find_element(By.LINK_TEXT, "Utskick").click()
    assert not axe_violations(driver), "the outreach page"
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[value=count]"))
    status = driver.find_element(By.CSS_SELECTOR, "[role=status]").text
    assert "personer" in status, status
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[value=select]"))
    assert "Urval för utskick" in driver.find_element(By.TAG_NAME, "h1").text
    assert not axe_violations(driver), "the selection page"
    driver.save_screenshot(os.path.join(SCREENSHOTS, "outreach-selection.png"))
    submit_and_wait(driver, driver.find_element(By.XPATH, "//button[contains(., 'Skicka')]"))
    assert "skickas nu" in driver.page_source
    newest_mail_to_any(outbox, "Välkommen att söka")
    driver.get(driver.current_url.split("?")[0] + "/letters")
    assert driver.find_elements(By.CSS_SELECTOR, "article.letter"), "letters for those without e-mail"
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".site-tools .link-button"))


def newest_mail_to_any(outbox, subject_part, wait=30):
    deadline = time.time() + wait
    while time.time() < deadline:
        if any(subject_part in text for text in outbox_messages(outbox)):
            return
        time.sleep(0.5)
    raise AssertionError(f"no invitation with {subject_part!r} in the outbox")


def choose(driver, element_id, value):
    Select(driver.find_element(By.ID, element_id)).select_by_value(value)


def person_applies_in_english(driver, base, outbox):
    driver.delete_all_cookies()
    driver.get(base + "/apply")
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".language-switch button[value=en]"))
    assert driver.find_element(By.TAG_NAME, "h1").text == "Apply for an internship"
    assert not axe_violations(driver), "the list of intakes"
    driver.find_element(By.PARTIAL_LINK_TEXT, "Jobbsprånget våren").click()
    # Step 1 with a mistake: the message is next to the field and nothing typed is lost.
    driver.find_element(By.ID, "personNumber").send_keys(luhn_personal_number(1969, 4, 12, 987))
    driver.find_element(By.ID, "firstName").send_keys("Aisha")
    driver.find_element(By.ID, "lastName").send_keys("Browsertest")
    driver.find_element(By.ID, "email").send_keys("aisha.browsertest@example")
    choose(driver, "gender", "woman")
    driver.find_element(By.ID, "birthRegion-outside_europe").click()
    assert not axe_violations(driver), "step 1"
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[value=next]"))
    assert "look like an e-mail address" in driver.find_element(By.ID, "email-error").text
    assert driver.find_element(By.ID, "firstName").get_attribute("value") == "Aisha"
    email = driver.find_element(By.ID, "email")
    email.clear()
    email.send_keys("aisha.browsertest@example.se")
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[value=next]"))
    choose(driver, "educationLevel", "post_secondary_long")
    choose(driver, "educationField", "computer_science")
    choose(driver, "language0", "en")
    choose(driver, "level0", "C1")
    assert not axe_violations(driver), "step 2"
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[value=next]"))
    driver.find_element(By.ID, "registered-yes").click()
    choose(driver, "permitKind", "pending")
    choose(driver, "currentOccupation", "unemployed")
    driver.find_element(By.ID, "swedishWorkMonths").send_keys("6")
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[value=next]"))
    driver.find_element(By.ID, "field-computer_science").click()
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[value=next]"))
    assert "Check your answers" in driver.page_source
    assert not driver.find_element(By.ID, "consentEmployerProfile").is_selected(), "no consent box is ticked in advance"
    assert not axe_violations(driver), "step 5"
    driver.find_element(By.ID, "consentProgrammePartners").click()
    driver.find_element(By.ID, "consentEmployerProfile").click()
    driver.save_screenshot(os.path.join(SCREENSHOTS, "apply-consent.png"))
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button[value=submit]"))
    assert driver.find_element(By.TAG_NAME, "h1").text == "Thank you for your application"
    mail = newest_mail_to(outbox, "aisha.browsertest@example.se", "We have received")
    link = next(word for word in mail.split() if "/apply/status/" in word)
    driver.delete_all_cookies()
    driver.get(link)
    assert "We are reviewing your application" in driver.page_source, "the status page in the applicant's language"
    assert "We need to check this" in driver.page_source, "the reason in plain words"
    assert not axe_violations(driver), "the status page"
    driver.save_screenshot(os.path.join(SCREENSHOTS, "application-status.png"))


def completion_request_answered(driver, base, outbox):
    driver.delete_all_cookies()
    sign_in(driver, base, "jobbspranget@praktik.demo")
    open_intake(driver, base, "Jobbsprånget våren")
    driver.find_element(By.LINK_TEXT, "Urval").click()
    driver.find_element(By.ID, "q").send_keys("Browsertest")
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.form--filters button[type=submit]"))
    driver.find_element(By.PARTIAL_LINK_TEXT, "Browsertest").click()
    assert "permit-valid-through-placement" in driver.page_source
    assert not axe_violations(driver), "the application page"
    driver.save_screenshot(os.path.join(SCREENSHOTS, "application.png"))
    driver.find_element(By.ID, "message").send_keys("Please send us the date your permit is valid to.")
    submit_and_wait(driver, driver.find_element(By.XPATH, "//button[contains(., 'Skicka begäran')]"))
    assert "Begäran är skickad" in driver.page_source
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".site-tools .link-button"))
    mail = newest_mail_to(outbox, "aisha.browsertest@example.se", "We need more information")
    link = next(word for word in mail.split() if "/apply/status/" in word)
    driver.delete_all_cookies()
    driver.get(link)
    assert "Complete your application" in driver.page_source
    choose(driver, "permitKind", "temporary")
    set_value(driver, "permitEnd", "2031-06-30")
    driver.find_element(By.ID, "answer").send_keys("My permit was renewed last week.")
    submit_and_wait(driver, driver.find_element(By.XPATH, "//button[contains(., 'Send your answer')]"))
    assert "We have your answer" in driver.find_element(By.CSS_SELECTOR, "[role=status]").text


def case_worker_screens_quickly(driver, base):
    driver.delete_all_cookies()
    sign_in(driver, base, "jobbspranget@praktik.demo")
    open_intake(driver, base, f"Jobbsprånget hösten {time.localtime().tm_year}")
    driver.find_element(By.LINK_TEXT, "Urval").click()
    choose(driver, "colour", "red")
    choose(driver, "rule", "degree-field")
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.form--filters button[type=submit]"))
    count = int(driver.find_element(By.CSS_SELECTOR, ".result-count").text.split()[0].replace("\u00a0", "").replace(" ", ""))
    assert count > 0
    assert not axe_violations(driver), "the screening queue"
    driver.save_screenshot(os.path.join(SCREENSHOTS, "screening.png"))
    driver.find_element(By.ID, "scope-all").click()
    driver.find_element(By.ID, "decide-red").click()
    driver.find_element(By.ID, "justification").send_keys("Examen utanför programmets områden.")
    started = time.time()
    submit_and_wait(driver, driver.find_element(By.XPATH, "//button[contains(., 'Fatta beslutet')]"))
    assert f"{count} ansökningar beslutade" in driver.find_element(By.CSS_SELECTOR, "[role=status]").text
    print(f"     {count} decisions in one step, {time.time() - started:.1f} s")


def funnel_by_gender(driver, base, workdir):
    driver.delete_all_cookies()
    sign_in(driver, base, "analytiker@praktik.demo")
    driver.get(base + "/intakes")
    driver.find_element(By.PARTIAL_LINK_TEXT, "Jobbsprånget 2023").click()
    table = driver.find_element(By.TAG_NAME, "table").text
    for figures in ("3,560", "1,520", "5,080", "2,200", "3,140", "1,030"):
        assert figures in table, (figures, table)
    assert not axe_violations(driver), "the funnel"
    driver.save_screenshot(os.path.join(SCREENSHOTS, "funnel.png"))
    intake_id = driver.current_url.rstrip("/").split("/")[-2]
    env = dict(os.environ)
    env.update({"PRAKTIK_SQLITE_PATH": os.path.join(workdir, "browser.sqlite"), "PRAKTIK_HOME": ROOT})
    env.pop("DATABASE_URL", None)
    result = subprocess.run([BINARY, "report", "funnel", "--intake", intake_id], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "intake_id,intake_name,stage,women,men,other,not_stated,total", lines[0]
    assert any(line.endswith(",applied,3560,1520,0,0,5080") for line in lines), lines
    assert any(line.endswith(",green,2200,940,0,0,3140") for line in lines), lines
    assert any(line.endswith(",decided,720,310,0,0,1030") for line in lines), lines


def apply_form_on_a_phone(driver, base):
    driver.set_window_size(390, 844)
    try:
        driver.delete_all_cookies()
        driver.get(base + "/apply")
        driver.find_element(By.PARTIAL_LINK_TEXT, "Jobbsprånget våren").click()
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390, f"the application form is {width}px wide on a 390px screen"
        driver.save_screenshot(os.path.join(SCREENSHOTS, "apply-phone.png"))
    finally:
        driver.set_window_size(1280, 900)
UUID_PATTERN = re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")
# A stored code: snake_case words, "SE:1995…" storage values, Unix timestamps.
CODE_PATTERN = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b|\b(?:SE|DK):\d{6,}|\b\d{10}\.\d+\b")


def visible_text_without_code_elements(driver):
    """The page's visible text, leaving out <code> elements: CSV column names and similar are shown
    on purpose as code. A detached copy is not laid out, so its innerText runs table cells together
    ("4389" and "123.580.955" read as one number); each cell gets a tab, as the rendered page shows it."""
    return driver.execute_script("""
        var main = document.body.cloneNode(true);
        main.querySelectorAll('code, script, style').forEach(function (e) { e.remove(); });
        main.querySelectorAll('td, th').forEach(function (e) { e.append('\\t'); });
        return main.innerText;""")


def walk_every_page(driver, base, email, languages):
    """Signs in as `email` and visits every page reachable from the start page (one per path shape),
    at phone and desktop width in every interface language: no sideways scrolling at 390 px, no
    id and no stored code in the text."""
    sign_in(driver, base, email)
    problems, seen, queue = [], set(), ["/start"]
    skip = ("export", ".json", ".csv", "logout", "?", "#")
    while queue and len(seen) < 30:
        path = queue.pop(0)
        shape = UUID_PATTERN.sub(":id", path)
        if shape in seen:
            continue
        seen.add(shape)
        for language in languages:
            driver.get(base + path)
            current = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
            if current != language:
                submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, f".language-switch button[value={language}]"))
            for width in (390, 1280):
                driver.set_window_size(width, 900)
                scroll = driver.execute_script("return document.documentElement.scrollWidth")
                if scroll > width:
                    problems.append(f"{path} [{language}, {width}px]: {scroll}px wide")
                text = visible_text_without_code_elements(driver)
                for pattern, what in ((UUID_PATTERN, "id"), (CODE_PATTERN, "code")):
                    found = pattern.search(text)
                    if found:
                        problems.append(f"{path} [{language}, {width}px]: {what} {found.group(0)!r}")
        driver.set_window_size(1280, 900)
        for link in driver.find_elements(By.CSS_SELECTOR, "main a[href^='/'], .site-nav a[href^='/']"):
            href = link.get_attribute("href").replace(base, "")
            if not any(part in href for part in skip) and UUID_PATTERN.sub(":id", href) not in seen:
                queue.append(href)
    driver.set_window_size(1280, 900)
    # Back to Swedish for the checks that follow.
    driver.get(base + "/start")
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, ".language-switch button[value=sv]"))
    assert len(seen) > 2, seen
    assert not problems, problems


def main():
    os.makedirs(SCREENSHOTS, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="praktik-browser-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # `--postgres`: the whole-flow checks again on the PostgreSQL server that scripts/with-postgres.sh
    # started (its DATABASE_URL), so that a flow is proven in a real browser on both databases.
    on_postgres = "--postgres" in sys.argv[1:]
    database_url = os.environ.get("DATABASE_URL") if on_postgres else None
    if on_postgres and not database_url:
        print("--postgres needs DATABASE_URL (run through scripts/with-postgres.sh)")
        return 2
    server = start_server(port, workdir, database_url)
    driver = None
    try:
        driver = make_driver()
        outbox = os.path.join(workdir, "outbox")
        check("a placement from decision and letter to follow-up by link, exit and 3 months only with consent",
              placement_flow.placement_from_decision_to_three_months, driver, base, outbox)
        check("a matching run reviewed and published; the employer interviews and selects; the candidate accepts by link",
              selection_flow.selection_from_matching_to_accepted_offer, driver, base, outbox)
        if on_postgres:
            return _summary()
        check("sign-in page is Swedish by default and accessible", login_page_swedish, driver, base)
        check("the language switch turns the page English and back", language_switch, driver, base)
        check("a wrong password is explained and the e-mail kept", wrong_password, driver, base)
        for email, (name, pages) in ROLES.items():
            check(f"{email} signs in, sees the start page and menu, signs out", role_flow, driver, base, email, name, pages)
        check("an admin creates a unit through the form", admin_creates_unit, driver, base)
        check("a case worker registers a participant; a duplicate number is refused", case_worker_registers_participant, driver, base)
        check("a participant signs in with an e-mailed link and gives consent", participant_signs_in_by_link, driver, base,
              os.path.join(workdir, "outbox"))
        check("an employer contact proposes a place and a case worker approves it", contact_proposes_and_case_worker_approves, driver, base)
        check("a case worker imports a CSV file: preview with the bad line, then the import", case_worker_imports_csv, driver, base, workdir)
        check("on a phone-sized screen the page does not scroll sideways", phone_layout, driver, base)
        check("a case worker opens an intake, counts, saves and sends an outreach", case_worker_sends_outreach, driver, base, outbox)
        check("a person applies in English and sees the status and reasons", person_applies_in_english, driver, base, outbox)
        check("a completion request goes out and is answered on the status page", completion_request_answered, driver, base, outbox)
        check("a case worker screens the demo intake with filters and one bulk decision", case_worker_screens_quickly, driver, base)
        check("the funnel by gender on the page and from praktik report funnel", funnel_by_gender, driver, base, workdir)
        check("the application form fits a phone", apply_form_on_a_phone, driver, base)
        languages = [b.get_attribute("value") for b in (driver.get(base + "/login") or driver).find_elements(
            By.CSS_SELECTOR, ".language-switch button")]
        for email in ("admin@praktik.demo", "handlaggare@praktik.demo", "arbetsgivare@praktik.demo", "analytiker@praktik.demo",
                      "jobbspranget@praktik.demo"):
            check(f"every page {email} reaches: no overflow at 390 px, no id or code, in {', '.join(languages)}",
                  walk_every_page, driver, base, email, languages)
    finally:
        if driver:
            driver.quit()
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)

    return _summary()


def _summary():
    failed = sum(1 for _, error in results if error)
    print(f"screenshots in {SCREENSHOTS}")
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
