"""Each user's work in a real browser, set up through the pages alone, on a fresh demo database.
Every page a journey opens is checked with axe-core and at phone width (conftest.Browser.check)."""

import re
from urllib.parse import urlparse

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import FINDINGS, wait_for

PARTNER = "benevole@epicerie1.example.org"
PARTNER_ADMIN = "responsable@epicerie1.example.org"
SECOND_PARTNER = "benevole@partenaire2.example.org"
SECOND_PARTNER_NUMBER = r"#2\b"  # the demo names its partners "… #n"
PARTNER_NAME_PATTERN = re.compile(r"#1\b")  # PARTNER's association
COORDINATOR = "coordination@banque-alimentaire.example.org"
DONOR = "dons@magasin2.example.org"


def test_the_root_shows_the_log_in_page_with_the_demo_accounts(browser):
    visitor = browser("visitor")
    visitor.open("/")
    assert visitor.find("h1").text == "Connexion"
    assert PARTNER in visitor.text
    visitor.check("log-in")
    visitor.fill("#email", PARTNER)
    visitor.fill("#password", "not the password")
    visitor.click("form[action='/login'] button[type=submit]")
    assert "incorrect" in visitor.find("#login-error").text
    assert visitor.find("#email").get_attribute("value") == PARTNER, "what was typed is kept"


def test_a_partner_orders_in_the_open_window_and_confirms_a_delivery_with_a_discrepancy(browser):
    partner = browser("partner").log_in(PARTNER)
    assert partner.path == "/foodaid/partner"
    assert "Campagnes ouvertes" in partner.text
    partner.check("partner-home")
    partner.click("a.button.primary")
    assert partner.path.endswith("/basket")
    # The first product with units available goes in the basket; the live total follows.
    rows = partner.all("tbody tr")
    chosen = next(row for row in rows if row.find_element(By.CSS_SELECTOR, "td.number").text not in ("0", ""))
    quantity = chosen.find_element(By.CSS_SELECTOR, "input[type=number]")
    quantity.clear()
    quantity.send_keys("2")
    field = quantity.get_attribute("id")
    assert wait_for(lambda: partner.find("[data-total-units]").text == "2"), "the live total shows 2 units"
    partner.check("partner-basket")
    partner.click("button[name=save]")
    assert "Le panier est enregistré." in partner.text
    assert partner.find(f"#{field}").get_attribute("value") == "2", "the basket is kept on the server"
    partner.click("button[name=submit]")
    assert "La commande est envoyée." in partner.text
    assert "Envoyée" in partner.text
    partner.check("partner-order-submitted")

    # Last month's order is on its way: the volunteer counts what arrived and notes what was missing.
    partner.open("/foodaid/orders")
    partner.check("partner-orders")
    shipped = next(link for link in partner.all("tbody tr")
                   if "Expédiée" in link.text).find_element(By.CSS_SELECTOR, "a").get_attribute("href")
    partner.driver.get(shipped)
    received = partner.all("input[name^='received[']")
    assert received, "a shipped order asks what arrived"
    first = received[0]
    shipped_units = int(first.get_attribute("value"))
    first.clear()
    first.send_keys(str(max(0, shipped_units - 1)))
    partner.fill("input[name^='discrepancy[']", "un carton abîmé")
    partner.check("partner-receipt")
    partner.click("form[action$='/receive'] button[type=submit]")
    assert "La réception est enregistrée." in partner.text
    assert "un carton abîmé" in partner.text
    assert "Reçue" in partner.text


def test_staff_accept_and_decline_offers_allocate_a_window_and_print_a_delivery_note(browser):
    staff = browser("coordinator").log_in(COORDINATOR)
    assert staff.path == "/foodaid/dashboard"
    staff.check("staff-dashboard")
    staff.open("/foodaid/offers")
    staff.check("staff-offers")
    offers = len(staff.all("article.card"))
    assert offers >= 2
    staff.click("article.card form[action$='/accept'] button[type=submit]")
    assert "L’offre est acceptée" in staff.text
    assert len(staff.all("article.card")) == offers - 1
    staff.fill("article.card input[name=reason]", "déjà trop de yaourts en stock cette semaine")
    staff.click("article.card form[action$='/decline'] button[type=submit]")
    assert "L’offre est refusée" in staff.text

    staff.open("/foodaid/windows")
    staff.check("staff-windows")
    # A new window for next week, opened from its form.
    staff.click("a[href='/foodaid/windows/new']")
    staff.fill("#name", "Épicerie de Noël")
    staff.check("staff-window-new")
    staff.click("form[action='/foodaid/windows/new'] button[type=submit]")
    assert "La campagne est ouverte aux partenaires." in staff.text
    assert "Épicerie de Noël" in staff.text
    staff.click("form[action$='/allocate'] button[type=submit]")
    assert "La répartition est faite" in staff.text
    staff.check("staff-allocated-orders")
    # Validate an order of another partner than the second one, whose volunteer checks below what it is granted.
    order = next(row for row in staff.all("tbody tr")
                 if not re.search(SECOND_PARTNER_NUMBER, row.text)).find_element(By.CSS_SELECTOR, "a").get_attribute("href")
    staff.driver.get(order)
    assert "Attribuée" in staff.text
    staff.check("staff-order")
    staff.click("form[action$='/validate'] button[type=submit]")
    assert "La commande est validée." in staff.text
    staff.click("a[href$='/picking-list']")
    assert "Liste de préparation" in staff.find("h1").text
    staff.check("staff-picking-list")
    staff.driver.get(order)
    staff.click("a[href$='/delivery-note']")
    assert "Bon de livraison" in staff.text

    # The second demo partner ordered in that window: its volunteer now sees what it gets.
    partner = browser("second partner").log_in(SECOND_PARTNER)
    partner.open("/foodaid/orders")
    assert "Attribuée" in partner.text


def test_a_donor_offers_goods_and_follows_the_offer(browser):
    donor = browser("donor").log_in(DONOR)
    assert donor.path == "/foodaid/donor"
    assert "Refusée" in donor.text, "last week's declined offer shows with its reason"
    donor.check("donor-home")
    donor.fill("#line-1-description", "yaourts aux fruits")
    Select(donor.find("#line-1-category")).select_by_value("dairy")
    donor.fill("#line-1-kg", "12,5")
    donor.click("form[action='/foodaid/donor/offers'] button[type=submit]")
    assert "Votre proposition est envoyée" in donor.text
    assert "yaourts aux fruits" in donor.text
    assert "En attente de réponse" in donor.text
    # A line without its weight is said beside it, with what was typed.
    donor.fill("#line-1-description", "pain")
    donor.click("form[action='/foodaid/donor/offers'] button[type=submit]")
    assert donor.find("#line-error-1").text
    assert donor.find("#line-1-description").get_attribute("value") == "pain"
    donor.check("donor-error")


def test_a_partner_cannot_open_another_partners_order_nor_a_staff_page(browser):
    first = browser("partner").log_in(PARTNER)
    first.open("/foodaid/orders")
    own = first.all("tbody tr a")[0].get_attribute("href")
    second = browser("second partner").log_in(SECOND_PARTNER)
    second.driver.get(own)
    assert second.find("h1").text == "Page introuvable"
    second.check("not-found")
    second.open("/foodaid/dashboard")
    assert second.find("h1").text == "Accès refusé"


def test_a_form_without_its_token_is_refused_and_a_double_click_orders_once(browser):
    partner = browser("partner").log_in(SECOND_PARTNER)
    partner.open("/foodaid/partner")
    partner.click("a.button.primary")
    basket = partner.path
    window = partner.find("h1").text.split(":", 1)[-1].strip()
    # A forged form (its CSRF token removed) is refused.
    partner.driver.execute_script("document.querySelector(\"#basket input[name=csrf]\").remove()")
    partner.click("button[name=save]")
    assert partner.find("h1").text == "Accès refusé"
    partner.open(basket)
    rows = partner.all("tbody tr")
    chosen = next(row for row in rows if row.find_element(By.CSS_SELECTOR, "td.number").text not in ("0", ""))
    field = chosen.find_element(By.CSS_SELECTOR, "input[type=number]")
    field.clear()
    field.send_keys("1")
    # Two clicks before the first answer: both carry the form's idempotency key.
    ActionChains(partner.driver).double_click(partner.find("button[name=submit]")).perform()
    assert wait_for(lambda: "/foodaid/orders/" in partner.path, 15)
    partner.open("/foodaid/orders")
    rows = [row for row in partner.all("tbody tr") if "Envoyée" in row.text and window in row.text]
    assert len(rows) == 1, f"{len(rows)} orders submitted"


def test_staff_sort_a_pickup_to_the_gram_and_quarantine_a_lot_seeing_who_received_it(browser):
    staff = browser("coordinator").log_in(COORDINATOR)
    staff.open("/foodaid/pickups")
    staff.check("staff-pickups")
    staff.click("a[href$='/sort']")
    received = float(staff.find("#receivedKg").get_attribute("value").replace(",", "."))
    staff.fill("#p1-kg", "10")
    Select(staff.find("#p1-category")).select_by_value("fruit_vegetables")
    staff.fill("#p1-days", "3")
    staff.fill("#u1-kg", f"{received - 10:.3f}")
    staff.fill("#u1-reason", "moisi")
    assert wait_for(lambda: staff.find("[data-remainder-shown]").text == "0 kg"), staff.find("[data-remainder-shown]").text
    staff.check("staff-sorting")
    staff.click("form[data-remainder] button[type=submit]")
    assert "Le tri est enregistré" in staff.text, staff.text

    staff.open("/foodaid/stock")
    staff.check("staff-stock")
    # A carton found broken: one unit of the first-expiring lot is written off, with its reason.
    staff.click("tbody tr a")
    on_hand = staff.find("p.lot-summary").text
    staff.fill("#units", "1")
    staff.fill("#correction-reason", "carton écrasé au déchargement")
    staff.click("form[action$='/correct'] button[type=submit]")
    assert "La perte est enregistrée." in staff.text
    assert "carton écrasé au déchargement" in staff.text
    assert staff.find("p.lot-summary").text != on_hand, "the lot's stock went down"
    # A lot reserved for a validated order: its picking list links it.
    staff.open("/foodaid/orders?status=validated")
    staff.click("tbody tr a")
    staff.click("a[href$='/picking-list']")
    staff.click("tbody tr a")
    assert staff.all("#recipients-heading + table tbody tr"), "the lot names the order it is reserved for"
    partners = [row.text for row in staff.all("#recipients-heading + table tbody tr")]
    staff.fill("#reason", "rappel fournisseur : suspicion de listeria")
    staff.check("staff-lot")
    staff.click("form[action$='/block'] button[type=submit]")
    assert "Le lot est en quarantaine" in staff.text
    assert "En quarantaine" in staff.text
    assert [row.text for row in staff.all("#recipients-heading + table tbody tr")] == partners, "who received it is listed"


def test_a_households_change_waits_for_the_food_bank_and_counts_once_approved(browser):
    volunteer = browser("volunteer").log_in(PARTNER)
    volunteer.open("/foodaid/households")
    assert not volunteer.all("form[action='/foodaid/households']"), "a volunteer reads the count, its admins change it"
    partner = browser("partner admin").log_in(PARTNER_ADMIN)
    partner.open("/foodaid/households")
    partner.fill("#households", "137")
    partner.fill("#beneficiaries", "352")
    partner.check("partner-households")
    partner.click("form[action='/foodaid/households'] button[type=submit]")
    assert "Votre déclaration est envoyée" in partner.text
    assert "En attente de validation : 137" in partner.text
    partner.open("/foodaid/partner")
    assert "137 foyers attend" in partner.text
    partner.open("/foodaid/notices")
    partner.check("partner-notices")

    staff = browser("coordinator").log_in(COORDINATOR)
    staff.open("/foodaid/households/pending")
    staff.check("staff-households-pending")
    card = next(article for article in staff.all("article.card") if "137" in article.text)
    card.find_element(By.CSS_SELECTOR, "form[action$='/approve'] button").click()
    assert wait_for(lambda: "Le nombre de foyers est validé." in staff.text)
    partner.open("/foodaid/households")
    assert "Foyers validés : 137" in partner.text


def test_staff_issue_the_years_tax_receipts_and_a_donor_downloads_its_own(browser):
    staff = browser("coordinator").log_in(COORDINATOR)
    staff.open("/foodaid/receipts")
    staff.check("staff-tax-receipts")
    staff.click("form[action='/foodaid/receipts/issue'] button[type=submit]")
    assert "Les reçus sont émis." in staff.text or "Rien de nouveau" in staff.text
    assert staff.all("tbody tr a"), "every donor whose pickups were sorted this year has a receipt"
    staff.click("form[action='/foodaid/receipts/issue'] button[type=submit]")
    assert "Rien de nouveau" in staff.text, "issuing again changes nothing when no gift changed"

    donor = browser("donor").log_in(DONOR)
    donor.open("/foodaid/donor/receipts")
    assert donor.find("h1").text == "Reçus fiscaux"
    donor.check("donor-receipts")
    assert donor.all("tbody tr a"), "the donor's receipt of the year is there"
    donor.click("tbody tr a")
    assert "reçu" in donor.text.lower()


def test_staff_read_the_mass_balance_of_the_month(browser):
    staff = browser("coordinator").log_in(COORDINATOR)
    staff.open("/balance")
    assert staff.find("h1").text == "Bilan matière"
    assert "Dons reçus et triés" in staff.text
    staff.check("staff-balance")
    assert staff.all("a[href^='/balance.csv']")
    staff.fill("#from", "")
    staff.driver.execute_script("document.querySelector('#from').value = '2026-01-01'")
    staff.click("form[action='/balance'] button[type=submit]")
    assert "from=2026-01-01" in staff.path


def test_staff_read_the_years_figures_as_charts_and_tables_and_import_a_catalogue_line(browser):
    staff = browser("coordinator").log_in(COORDINATOR)
    staff.open("/foodaid/reports")
    assert staff.all("svg[role=img]"), "the charts are drawn on the server"
    assert staff.all("a[href^='/foodaid/reports/supply.csv']")
    staff.check("staff-reports")
    staff.open("/foodaid/catalogue")
    staff.check("staff-catalogue")
    staff.fill("#csv", "not,a,catalogue\n1,2,3")
    staff.click("form[action='/foodaid/catalogue/import'] button[type=submit]")
    assert "Rien n’a été importé" in staff.text
    assert staff.find("#csv").get_attribute("value").startswith("not,a,catalogue"), "what was pasted is kept"
    # One product gets a limit per order from its own page.
    staff.click("tbody tr a[href^='/foodaid/products/']")
    staff.check("staff-product")
    staff.fill("#maxPerOrder", "24")
    staff.click("form[action^='/foodaid/products/'] button[type=submit]")
    assert "Le produit est enregistré." in staff.text


def test_on_a_phone_the_menu_folds_behind_one_button_and_opens_with_the_keyboard(browser):
    staff = browser("coordinator").log_in(COORDINATOR)
    staff.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True})
    try:
        staff.open("/foodaid/dashboard")
        toggle = staff.find("button.menu-toggle")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not staff.find("#menu").is_displayed(), "the links are folded away"
        toggle.send_keys(Keys.ENTER)
        assert wait_for(lambda: staff.find("#menu").is_displayed())
        assert toggle.get_attribute("aria-expanded") == "true"
        staff.click("#menu a[href='/foodaid/stock']")
        assert staff.path == "/foodaid/stock"
    finally:
        staff.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    staff.open("/foodaid/dashboard")
    assert not staff.all("button.menu-toggle"), "on a wide screen the menu is shown whole"
    assert staff.find("#menu").is_displayed()


def test_a_partner_reads_last_months_contribution_statement(browser):
    partner = browser("partner").log_in(PARTNER)
    partner.click("a[href='/foodaid/statements']")
    assert partner.find("h1").text.startswith("Participation de solidarité")
    assert "Total" in partner.text, "last month's shipped order is owed for"
    partner.check("partner-statement")
    partner.click("a[href^='/foodaid/statements?month=']")
    assert "month=" in partner.path


def test_a_partner_asks_for_emergency_parcels_and_the_food_bank_prepares_them(browser):
    partner = browser("partner").log_in(PARTNER)
    partner.click("a[href='/foodaid/parcels']")
    partner.fill("#householdSize", "3")
    partner.fill("#parcels", "2")
    partner.check("partner-parcels")
    partner.click("form[action='/foodaid/parcels'] button[type=submit]")
    assert "La demande est envoyée" in partner.text
    assert "un foyer de 3" in partner.text

    staff = browser("coordinator").log_in(COORDINATOR)
    staff.open("/foodaid/parcels")
    staff.check("staff-parcels")
    row = next(row for row in staff.all("tbody tr") if "un foyer de 3" in row.text and "Demandée" in row.text)
    row.find_element(By.CSS_SELECTOR, "form[action$='/prepare'] button").click()
    assert wait_for(lambda: "Les colis sont préparés" in staff.text or "Pas assez de stock" in staff.text), staff.text


def test_partners_pass_a_surplus_on_to_each_other(browser):
    giver = browser("partner").log_in(PARTNER)
    giver.click("a[href='/foodaid/sharing']")
    giver.fill("#description", "courgettes en trop")
    giver.fill("#quantity", "15")
    giver.check("partner-sharing")
    giver.click("form[action='/foodaid/sharing/surpluses'] button[type=submit]")
    assert "Votre surplus est proposé" in giver.text

    taker = browser("second partner").log_in(SECOND_PARTNER)
    taker.open("/foodaid/sharing")
    row = next(row for row in taker.all("tbody tr") if "courgettes en trop" in row.text)
    row.find_element(By.CSS_SELECTOR, "form[action$='/claim'] button").click()
    assert wait_for(lambda: "Le surplus vous est réservé." in taker.text)
    # Once claimed, each side sees the other; the one that collects sees where.
    mine = next(row.text for row in taker.all("tbody tr") if "courgettes en trop" in row.text)
    assert "À prendre chez" in mine and "#1" in mine, mine
    taker.check("partner-sharing-claimed")
    giver.open("/foodaid/sharing")
    given = next(row.text for row in giver.all("tbody tr") if "courgettes en trop" in row.text)
    assert "Réservé" in given
    assert "Prise par" in given and re.search(SECOND_PARTNER_NUMBER, given), given


def test_the_food_banks_admin_brings_a_new_partner_in_with_its_site_and_first_admin(browser):
    admin = browser("bank admin").log_in("admin@banque-alimentaire.example.org")
    admin.open("/organisations")
    admin.check("staff-organisations")
    admin.click("a[href='/organisations/new']")
    assert admin.path == "/organisations/new", admin.path
    admin.fill("#name", "Épicerie solidaire de Vezin")
    admin.fill("#siteName", "Local de la rue Jean Jaurès")
    admin.fill("#address", "3 rue Jean Jaurès")
    admin.fill("#city", "Vezin-le-Coquet")
    admin.fill("#latitude", "48,1173")
    admin.fill("#longitude", "-1,7561")
    admin.driver.execute_script(
        "document.querySelector('#opens-monday').value = '09:00'; document.querySelector('#closes-monday').value = '08:00';")
    admin.fill("#adminName", "Inès Responsable")
    admin.fill("#adminEmail", "ines@vezin.example.org")
    admin.fill("#adminPassword", "bienvenue-2026")
    admin.check("staff-onboarding")
    admin.click("form[action='/organisations/new'] button[type=submit]")
    assert admin.find("#hours-monday-error").text, "a closing before the opening is said on its day"
    assert admin.find("#name").get_attribute("value") == "Épicerie solidaire de Vezin"
    admin.driver.execute_script("document.querySelector('#closes-monday').value = '12:30';")
    admin.fill("#adminPassword", "bienvenue-2026")
    admin.click("form[action='/organisations/new'] button[type=submit]")
    assert "L’organisation est enregistrée" in admin.text
    assert "Épicerie solidaire de Vezin" in admin.text

    # The newcomer logs in with the password given in person; the invitation waits for them.
    newcomer = browser("new partner admin")
    newcomer.open("/")
    newcomer.fill("#email", "ines@vezin.example.org")
    newcomer.fill("#password", "bienvenue-2026")
    newcomer.click("form[action='/login'] button[type=submit]")
    assert newcomer.path.startswith("/account"), newcomer.path
    assert "Épicerie solidaire de Vezin" in newcomer.text
    newcomer.check("newcomer-invitation")
    newcomer.click("form[action$='/accept'] button[type=submit]")
    assert "Bienvenue" in newcomer.text
    newcomer.open("/")
    assert newcomer.path == "/foodaid/partner", "the new partner's admin now has its partner home"


def test_a_partners_admin_invites_a_new_volunteer(browser):
    admin = browser("partner admin").log_in(PARTNER_ADMIN)
    admin.click("a[href='/users']")
    assert PARTNER in admin.text, "the organisation's volunteer is listed"
    admin.fill("#displayName", "Nora Bénévole")
    admin.fill("#email", "nora@epicerie1.example.org")
    admin.fill("#password", "une-phrase-longue")
    admin.check("partner-users")
    admin.click("form[action='/users/invite'] button[type=submit]")
    assert "L’invitation est envoyée" in admin.text
    assert "nora@epicerie1.example.org" in admin.text


def test_staff_build_a_round_by_hand_and_see_what_it_breaks(browser):
    staff = browser("coordinator").log_in(COORDINATOR)
    staff.open("/rounds")
    assert staff.find("h1").text.startswith("Tournées du")
    staff.fill("input[name^='order[']", "1")
    staff.check("staff-rounds")
    staff.click("form[method=post][action='/rounds'] button[type=submit]")
    recorded = "La tournée est enregistrée" in staff.text
    broken = [rule.text for rule in staff.all("#broken-rules p")]
    assert recorded or broken, staff.path + " " + (staff.find("#round-problem").text if staff.all("#round-problem") else "no problem")
    if broken:
        assert staff.find("input[name^='order[']").get_attribute("value") == "1", "the choice is kept beside the broken rules"


def test_staff_take_a_van_out_of_service_for_a_day(browser):
    staff = browser("coordinator").log_in(COORDINATOR)
    staff.click("a[href='/vehicles']")
    assert staff.find("h1").text == "Véhicules"
    staff.check("staff-vehicles")
    card = staff.all("li.card")[0]
    card.find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys("contrôle technique")
    card.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert wait_for(lambda: "Le véhicule est marqué indisponible" in staff.text)
    assert "Indisponible le" in staff.all("li.card")[0].text


def test_a_partner_lends_a_freezer_that_another_books(browser):
    lender = browser("partner admin").log_in(PARTNER_ADMIN)
    lender.click("a[href='/foodaid/equipment']")
    lender.fill("#equipment-name", "Congélateur coffre 300 L")
    lender.fill("#equipment-kind", "congélateur")
    lender.check("partner-equipment")
    lender.click("form[action='/foodaid/equipment'] button[type=submit]")
    assert "Le matériel est proposé" in lender.text

    borrower = browser("second partner").log_in(SECOND_PARTNER)
    borrower.open("/foodaid/equipment")
    card = next(card for card in borrower.all("li.card") if "Congélateur coffre 300 L" in card.text)
    ids = [field.get_attribute("id") for field in card.find_elements(By.CSS_SELECTOR, "input[type=datetime-local]")]
    borrower.driver.execute_script(
        f"document.getElementById('{ids[0]}').value = '2027-01-11T09:00'; document.getElementById('{ids[1]}').value = '2027-01-11T17:00';")
    card.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert wait_for(lambda: "La réservation est enregistrée." in borrower.text)
    assert "par vous" in borrower.text


def test_a_partners_admin_changes_their_sites_opening_hours(browser):
    admin = browser("partner admin").log_in(PARTNER_ADMIN)
    admin.click("a[href='/sites']")
    admin.check("partner-sites")
    admin.click("tbody tr a")
    admin.driver.execute_script(
        "document.querySelector('#opens-saturday').value = '09:00'; document.querySelector('#closes-saturday').value = '12:00';")
    admin.check("partner-site")
    admin.click("form[action^='/sites/'] button[type=submit]")
    assert "Le lieu est enregistré" in admin.text
    assert "Samedi 09:00–12:00" in admin.text


def test_staff_change_a_van_and_put_it_back_in_service_for_a_day(browser):
    staff = browser("coordinator").log_in(COORDINATOR)
    staff.open("/vehicles")
    card = staff.all("li.card")[1]
    name = card.find_element(By.CSS_SELECTOR, "h2").text
    card.find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys("prêté à la ville")
    card.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert wait_for(lambda: "Le véhicule est marqué indisponible" in staff.text)
    card = next(card for card in staff.all("li.card") if card.find_element(By.CSS_SELECTOR, "h2").text == name)
    card.find_element(By.CSS_SELECTOR, "a[href^='/vehicles/']").click()
    assert wait_for(lambda: staff.all("#vehicle-kg"))
    staff.check("staff-vehicle")
    staff.click("form[action*='/available/'] button[type=submit]")
    assert "Le véhicule est de nouveau disponible ce jour-là." in staff.text
    staff.fill("#vehicle-kg", "abc")
    staff.click("form.form.narrow button.primary")
    assert staff.find("#vehicle-kg-error").text, "a capacity that is not a number is said beside its field"
    staff.fill("#vehicle-kg", "1350")
    staff.click("form.form.narrow button.primary")
    assert "Véhicule enregistré." in staff.text
    assert staff.find("#vehicle-kg").get_attribute("value") == "1350"


def test_staff_set_a_partners_quota_that_its_basket_shows(browser):
    # A product the partner can order and has no quota on yet.
    partner = browser("partner").log_in(PARTNER)
    partner.click("a.button.primary")
    basket = partner.path
    free = next(row for row in partner.all("tbody tr")
                if row.find_element(By.CSS_SELECTOR, "td[data-label='Quota']").text == "—")
    # The cell holds the name, then the unit and weight in a hint: its first text node is the name.
    name = partner.driver.execute_script(
        "return arguments[0].firstChild.textContent", free.find_element(By.CSS_SELECTOR, "td[data-label='Produit']")).strip()

    staff = browser("coordinator").log_in(COORDINATOR)
    staff.click("a[href='/foodaid/partners']")
    assert staff.find("h1").text == "Associations partenaires"
    staff.check("staff-partners")
    next(a for a in staff.all("tbody a") if PARTNER_NAME_PATTERN.search(a.text)).click()
    assert wait_for(lambda: staff.all("#quota-product"))
    assert PARTNER_NAME_PATTERN.search(staff.find("h1").text), staff.find("h1").text
    staff.check("staff-partner")
    product = Select(staff.find("#quota-product"))
    index = next(i for i, option in enumerate(product.options) if option.text.startswith(name + " ("))
    product.select_by_index(index)
    staff.fill("#quota-units", "5")
    staff.click("form.form.narrow button.primary")
    assert "Quota enregistré." in staff.text
    assert name in staff.text

    partner.open(basket)
    row = next(row for row in partner.all("tbody tr") if row.text.startswith(name))
    assert row.find_element(By.CSS_SELECTOR, "td[data-label='Quota']").text == "5", "the partner sees its quota"


def test_every_menu_entry_of_every_demo_account_is_checked_and_shot(browser):
    """The page inventory in the browser: every entry of every demo account's menu is opened, checked with
    axe-core and at phone width, and shot, if no journey did already."""
    person = browser("each demo account in turn")
    person.open("/")
    accounts = [code.text for code in person.all("#demo-heading ~ ul code")]
    assert len(accounts) >= 5, accounts
    checked = {page["path"].split("?")[0] for page in FINDINGS["pages"].values()}
    for email in accounts:
        person.driver.delete_all_cookies()
        person.log_in(email)
        entries = [urlparse(a.get_attribute("href")).path for a in person.all("#menu a")]
        assert entries, f"{email} has a menu"
        for path in entries:
            person.open(path)
            assert person.find("h1").text, f"{email} {path}"
            if path not in checked:
                person.check(f"menu {email.split('@')[0]} {path}")
                checked.add(path)
