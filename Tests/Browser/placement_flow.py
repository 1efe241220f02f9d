"""A placement from the decision to the follow-up three months after it ended, in a real browser
(issue 13's "done when"): a case worker registers a person with the consents a placement needs,
decides a placement at the demo employer's place, opens the decision letter, agrees the purpose,
plans rising hours, starts it and sends the start forms; the participant and the supervisor answer
by link without an account; the placement ends early with an outcome at exit and "led to a job
here?"; the 3-month follow-up is scheduled because the person agreed, and cancelled the moment the
consent is withdrawn.

Run by run_browser_tests.py; on its own against a running server:
    python3 Tests/Browser/placement_flow.py http://127.0.0.1:8191 /path/to/outbox [password]
"""
import datetime
import os
import time
import re
import sys

from selenium.webdriver.common.by import By

import run_browser_tests as b

SUPERVISOR = "handledare.flode@example.se"


def _text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def _link_in(mail):
    """The first link of a mail (its body may be quoted-printable: soft line breaks are joined)."""
    body = mail.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=")
    match = re.search(r"https?://\S+/forms/\S+", body)
    assert match, "no link in the mail:\n" + body[-800:]
    return match.group(0).rstrip(">).,")


def _answer_open_form(driver):
    """Answers every question of the follow-up form on the page: the first option of each choice
    and scale, today's date, a short text."""
    seen = set()
    for radio in driver.find_elements(By.CSS_SELECTOR, "input[type=radio]"):
        name = radio.get_attribute("name")
        if name not in seen:
            seen.add(name)
            driver.execute_script("arguments[0].click()", radio)
    for field in driver.find_elements(By.CSS_SELECTOR, "input[type=date]"):
        b.set_value(driver, field.get_attribute("id"), datetime.date.today().isoformat())
    for area in driver.find_elements(By.CSS_SELECTOR, "main textarea"):
        area.send_keys("Bra handledning och tydliga uppgifter.")
    b.submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))


def _place_choice(driver, today):
    """The radio of a free place at the demo employer whose period holds today and at least two
    more months; returns (radio, last day of the place)."""
    pattern = re.compile(r"(\d{4}-\d{2}-\d{2}) – (\d{4}-\d{2}-\d{2}) · \D*(\d+) / (\d+)")
    for radio in driver.find_elements(By.CSS_SELECTOR, "input[name=placeID]"):
        label = driver.find_element(By.CSS_SELECTOR, f"label[for='{radio.get_attribute('id')}']").text
        match = pattern.search(label)
        if not match or "utbildningsförvaltningen" not in label:
            continue
        start, end = (datetime.date.fromisoformat(match.group(i)) for i in (1, 2))
        if start <= today and end >= today + datetime.timedelta(days=45) and int(match.group(3)) > 0:
            return radio, end
    raise AssertionError("no free demo place covering today:\n" + _text(driver)[:2000])


def placement_from_decision_to_three_months(driver, base, outbox, password=b.PASSWORD):
    today = datetime.date.today()
    b.sign_in(driver, base, "handlaggare@praktik.demo", password)

    # A person with the consents a placement and the follow-up after it need.
    driver.get(base + "/participants/new")
    b.fill_participant(driver, {"firstName": "Noor", "lastName": "Flödesson",
                                "personNumber": b.luhn_personal_number(1994, 4, 17, 100 + int(time.time()) % 800), "email": "noor.flode@example.se"})
    b.submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.form > button[type=submit]"))
    participant_url = driver.current_url.split("?")[0].split("#")[0]
    assert re.search(r"/participants/[0-9A-Fa-f-]{36}$", participant_url), participant_url
    for purpose in ("programme_partners", "post_exit_follow_up"):
        form = driver.find_element(By.XPATH, f"//form[input[@name='purpose' and @value='{purpose}']]")
        b.submit_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[value=given]"))

    # The decision: a place found by its title, the period within it, the reason written down.
    driver.get(participant_url + "/placements/new?q=Barnsk%C3%B6tare")
    radio, place_end = _place_choice(driver, today)
    driver.execute_script("arguments[0].click()", radio)
    driver.find_element(By.CSS_SELECTOR, "#programme option[value=arbetspraktik]").click()
    b.set_value(driver, "start", today.isoformat())
    b.set_value(driver, "end", min(place_end, today + datetime.timedelta(days=45)).isoformat())
    driver.find_element(By.ID, "justification").send_keys("Vill pröva barnskötaryrket innan utbildning.")
    b.submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))
    placement_url = driver.current_url.split("?")[0].split("#")[0]
    assert re.search(r"/placements/[0-9A-Fa-f-]{36}$", placement_url), " | ".join(
        e.text for e in driver.find_elements(By.CSS_SELECTOR, "[role=alert], .field-error"))
    assert "Noor Flödesson" in _text(driver)

    # The decision letter: the reasons and how to appeal, printable.
    driver.get(placement_url + "/letter")
    letter = _text(driver)
    assert "Vill pröva barnskötaryrket" in letter, letter[:1500]
    assert "överklaga" in letter.lower(), letter[:1500]
    violations = b.axe_violations(driver)
    assert not violations, violations

    # The purpose agreement with the supervisor, and hours that rise.
    driver.get(placement_url)
    driver.find_element(By.CSS_SELECTOR, "#agreement-purpose option[value=toward_employment]").click()
    driver.find_element(By.ID, "goals").send_keys("Lära sig arbetet i barngrupp.")
    driver.find_element(By.ID, "tasks").send_keys("Delta i dagens rutiner, läsa sagor, utevistelse.")
    driver.find_element(By.ID, "supervisorName").send_keys("Maja Handledare")
    driver.find_element(By.ID, "supervisorEmail").send_keys(SUPERVISOR)
    b.submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "#agreement form button[type=submit]"))
    for offset, hours in ((0, "10"), (28, "20")):
        driver.get(placement_url)
        b.set_value(driver, "hours-from", (today + datetime.timedelta(days=offset)).isoformat())
        driver.find_element(By.ID, "hours-per-week").send_keys(hours)
        b.submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "#hours form button[type=submit]"))
    hours_text = driver.find_element(By.ID, "hours").text
    assert "10" in hours_text and "20" in hours_text, hours_text

    # The placement starts today; the start forms go out by mail.
    form = driver.find_element(By.XPATH, "//form[input[@name='action' and @value='start']]")
    b.set_value(driver, "date-start", today.isoformat())
    b.submit_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert driver.find_elements(By.XPATH, "//form[input[@name='action' and @value='end_early']]"), _text(driver)[:1500]
    for _ in range(2):
        buttons = driver.find_elements(By.CSS_SELECTOR, "#follow-ups form button[type=submit]")
        if not buttons:
            break
        b.submit_and_wait(driver, buttons[0])

    # Participant and supervisor answer by link, with no account.
    for address in ("noor.flode@example.se", SUPERVISOR):
        link = _link_in(b.newest_mail_to(outbox, address, "/forms/"))
        driver.delete_all_cookies()
        driver.get(link)
        buttons = driver.find_elements(By.CSS_SELECTOR, "main form button[type=submit]")
        if buttons and not driver.find_elements(By.CSS_SELECTOR, "main input[type=radio]"):
            b.submit_and_wait(driver, buttons[0])  # a page that asks to open the form first
        _answer_open_form(driver)
        assert driver.find_elements(By.TAG_NAME, "h1"), driver.page_source[:500]
        thanks = _text(driver)
        # Answering again is refused politely.
        driver.get(link)
        assert driver.find_elements(By.TAG_NAME, "h1")
        assert thanks

    # Ended early with a reason; outcome at exit and "did it lead to a job here?".
    b.sign_in(driver, base, "handlaggare@praktik.demo", password)
    driver.get(placement_url)
    answered = driver.find_element(By.ID, "follow-ups").text
    form = driver.find_element(By.XPATH, "//form[input[@name='action' and @value='end_early']]")
    b.set_value(driver, "date-end_early", today.isoformat())
    form.find_elements(By.CSS_SELECTOR, "#reason-end_early option")[0].click()
    b.submit_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    driver.find_element(By.CSS_SELECTOR, "#outcome-status option[value=work]").click()
    driver.find_element(By.ID, "outcome-host").click()
    b.submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "#outcomes form button.button:not(.button--secondary)"))
    driver.find_element(By.ID, "hired-yes").click()
    driver.find_element(By.CSS_SELECTOR, "#hire-kind option[value=permanent]").click()
    b.submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "#outcomes form button.button--secondary"))
    outcomes = driver.find_element(By.ID, "outcomes").text
    three_months = [line for line in outcomes.splitlines() if "3 mån" in line]
    assert three_months and "Planerad" in three_months[0], outcomes
    assert "Arbete" in outcomes, outcomes

    # Withdrawing the follow-up consent cancels the 3-month follow-up at once.
    driver.get(participant_url)
    form = driver.find_element(By.XPATH, "//form[input[@name='purpose' and @value='post_exit_follow_up']]")
    b.submit_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[value=withdrawn]"))
    driver.get(placement_url)
    outcomes = driver.find_element(By.ID, "outcomes").text
    three_months = [line for line in outcomes.splitlines() if "3 mån" in line]
    assert three_months and "Stoppad" in three_months[0], outcomes
    assert answered.count("Besvarad") >= 2, answered


if __name__ == "__main__":
    from selenium.common.exceptions import WebDriverException  # noqa: F401

    base_url, outbox_dir = sys.argv[1], sys.argv[2]
    browser = b.make_driver()
    try:
        placement_from_decision_to_three_months(browser, base_url, outbox_dir, *(sys.argv[3:4] or [b.PASSWORD]))
        print("placement flow passed")
    finally:
        browser.quit()
