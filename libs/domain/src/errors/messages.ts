import { formatMoney } from '../format/money';
/**
 * User-facing messages for error codes and validation rules, German first. Keys are stable and
 * shared with the web app's message files; `{name}` placeholders are filled from params.
 */
export type Locale = 'de' | 'en';

type Catalogue = Record<string, { de: string; en: string }>;

export const ERROR_MESSAGES: Catalogue = {
  validation_failed: {
    de: 'Die Eingaben sind nicht gültig. Bitte prüfen Sie die markierten Felder.',
    en: 'The input is not valid. Please check the marked fields.',
  },
  malformed_request: {
    de: 'Die Anfrage konnte nicht gelesen werden (kein gültiges JSON).',
    en: 'The request could not be read (not valid JSON).',
  },
  payload_too_large: { de: 'Die Anfrage ist zu groß.', en: 'The request is too large.' },
  unauthenticated: { de: 'Bitte melden Sie sich an.', en: 'Please sign in.' },
  forbidden: {
    de: 'Sie haben keine Berechtigung für diese Aktion.',
    en: 'You are not allowed to do this.',
  },
  not_found: { de: 'Nicht gefunden.', en: 'Not found.' },
  route_not_found: { de: 'Diese Adresse gibt es nicht.', en: 'There is no such address.' },
  method_not_allowed: { de: 'Diese Methode ist hier nicht erlaubt.', en: 'This method is not allowed here.' },
  conflict: {
    de: 'Die Aktion passt nicht zum aktuellen Stand.',
    en: 'The action does not fit the current state.',
  },
  server_busy: {
    de: 'Der Server ist gerade stark ausgelastet. Bitte versuchen Sie es in einigen Sekunden erneut.',
    en: 'The server is very busy right now. Please try again in a few seconds.',
  },
  origin_not_allowed: {
    de: 'Diese Anfrage kommt von einer fremden Seite und wird deshalb nicht ausgeführt.',
    en: 'This request comes from another site and is therefore not carried out.',
  },
  unsupported_media_type: {
    de: 'Bitte senden Sie die Daten als JSON (Content-Type: application/json).',
    en: 'Please send the data as JSON (Content-Type: application/json).',
  },
  indicator_file_invalid: {
    de: 'Die Tabelle wurde nicht übernommen. Bitte korrigieren Sie die genannten Zeilen und Spalten; es wurde nichts gespeichert.',
    en: 'The table was not imported. Please correct the rows and columns named; nothing was saved.',
  },
  area_shapes_file_invalid: {
    de: 'Die Formen wurden nicht übernommen. Bitte korrigieren Sie die genannten Objekte; es wurde nichts gespeichert.',
    en: 'The shapes were not imported. Please correct the features named; nothing was saved.',
  },
  past_project_file_invalid: {
    de: 'Die Datei wurde nicht übernommen. Bitte korrigieren Sie die genannten Zeilen und Spalten; es wurde nichts gespeichert.',
    en: 'The file was not imported. Please correct the rows and columns named; nothing was saved.',
  },
  district_not_in_lor_grid: {
    de: 'Dieser Bezirk ist keiner der zwölf Berliner Bezirke des LOR-Rasters.',
    en: 'This district is not one of the twelve Berlin districts of the LOR grid.',
  },
  area_cannot_cover: {
    de: 'Nur ein QM-Gebiet oder ein Aktionsraum umfasst Planungsräume.',
    en: 'Only a QM area or an Aktionsraum covers Planungsräume.',
  },
  area_not_found: { de: 'Dieses Gebiet gibt es nicht.', en: 'This area does not exist.' },
  upload_malformed: {
    de: 'Die Übertragung der Datei konnte nicht gelesen werden.',
    en: 'The file upload could not be read.',
  },
  upload_limit_exceeded: {
    de: 'Die Übertragung enthält zu viele oder zu große Teile.',
    en: 'The upload contains too many or too large parts.',
  },
  too_many_requests: {
    de: 'Zu viele Anfragen. Bitte versuchen Sie es später erneut.',
    en: 'Too many requests. Please try again later.',
  },
  internal_error: {
    de: 'Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.',
    en: 'An unexpected error occurred. Please try again later.',
  },
  invalid_credentials: {
    de: 'E-Mail-Adresse oder Passwort sind nicht korrekt.',
    en: 'The e-mail address or the password is not correct.',
  },
  account_locked: {
    de: 'Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in {minutes} Minuten erneut.',
    en: 'Too many failed sign-in attempts. Please try again in {minutes} minutes.',
  },
  csrf_failed: {
    de: 'Die Sicherheitsprüfung der Anfrage ist fehlgeschlagen. Bitte laden Sie die Seite neu.',
    en: 'The request failed its security check. Please reload the page.',
  },
  email_not_verified: {
    de: 'Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse. Wir haben Ihnen den Link dazu (erneut) geschickt.',
    en: 'Please confirm your e-mail address first. We have sent you the link (again).',
  },
  organisation_not_verified: {
    de: 'Ihre Organisation ist noch nicht vom Bezirksamt bestätigt. Danach können Sie Kolleg:innen einladen.',
    en: 'Your organisation has not been confirmed by the district office yet. After that you can invite colleagues.',
  },
  login_throttled: {
    de: 'Zu viele fehlgeschlagene Anmeldeversuche von diesem Gerät. Bitte warten Sie {seconds} Sekunden und versuchen Sie es dann erneut.',
    en: 'Too many failed sign-in attempts from this device. Please wait {seconds} seconds, then try again.',
  },
  login_throttled_account: {
    de: 'Für dieses Konto gab es viele fehlgeschlagene Anmeldeversuche. Von einem neuen Gerät ist die Anmeldung erst in {seconds} Sekunden wieder möglich; an einem Gerät, an dem Sie sich schon angemeldet haben, geht es sofort.',
    en: 'There were many failed sign-in attempts for this account. From a new device you can sign in again in {seconds} seconds; on a device where you have signed in before, right away.',
  },
  login_throttled_network: {
    de: 'Aus Ihrem Netz gab es viele fehlgeschlagene Anmeldeversuche. Von einem neuen Gerät ist die Anmeldung erst in {seconds} Sekunden wieder möglich; an einem Gerät, an dem Sie sich schon angemeldet haben, geht es sofort.',
    en: 'There were many failed sign-in attempts from your network. From a new device you can sign in again in {seconds} seconds; on a device where you have signed in before, right away.',
  },
  link_invalid: {
    de: 'Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet.',
    en: 'This link is invalid, has expired or has already been used.',
  },
  amount_out_of_range: {
    de: 'Mit diesem Betrag überstiege die Summe des Fonds, was das Kassenbuch fassen kann.',
    en: 'With this amount the fund’s total would exceed what the ledger can hold.',
  },
  interest_out_of_range: {
    de: 'Die Zinsen auf diesen Betrag für diesen Zeitraum wären größer, als das Kassenbuch fassen kann. Bitte prüfen Sie Betrag und Daten.',
    en: 'The interest on this amount for this period would be more than the ledger can hold. Please check the amount and the dates.',
  },
  budget_exceeded: {
    de: 'Das Budget des Fonds für dieses Programmjahr reicht nicht aus.',
    en: 'The fund’s budget for this programme year is not sufficient.',
  },
  disbursement_exceeds_commitment: {
    de: 'Die Auszahlung übersteigt die gebundenen Mittel des Projekts.',
    en: 'The payment exceeds the money committed to the project.',
  },
  repayment_exceeds_disbursement: {
    de: 'Die Rückzahlung übersteigt die ausgezahlten Mittel.',
    en: 'The repayment exceeds the money paid out.',
  },
  wrong_fund_kind: {
    de: 'Ein Netzwerkfonds-Antrag kann nur Mittel des Netzwerkfonds binden.',
    en: 'A Netzwerkfonds application can only commit Netzwerkfonds money.',
  },
  project_not_in_fund: {
    de: 'Das Projekt gehört nicht zu diesem Fonds.',
    en: 'The project does not belong to this fund.',
  },
  entry_already_reversed: {
    de: 'Diese Buchung wurde bereits storniert.',
    en: 'This entry has already been reversed.',
  },
  reversal_not_reversible: {
    de: 'Eine Stornobuchung kann nicht storniert werden.',
    en: 'A reversal cannot be reversed.',
  },
  base_rate_missing: {
    de: 'Für den Zeitraum fehlt ein Basiszinssatz.',
    en: 'A base rate is missing for the period.',
  },
  fund_exists: { de: 'Diesen Fonds gibt es bereits.', en: 'This fund already exists.' },
  fund_not_found: { de: 'Der Fonds wurde nicht gefunden.', en: 'The fund was not found.' },
  ledger_entry_not_found: { de: 'Die Buchung wurde nicht gefunden.', en: 'The ledger entry was not found.' },
  application_not_found: { de: 'Der Antrag wurde nicht gefunden.', en: 'The application was not found.' },
  tracked_project_not_found: { de: 'Das Projekt wurde nicht gefunden.', en: 'The project was not found.' },
  service_unavailable: {
    de: 'Der Dienst ist vorübergehend nicht erreichbar.',
    en: 'The service is temporarily unavailable.',
  },
  database_busy: {
    de: 'Die Datenbank ist gerade ausgelastet. Bitte versuchen Sie es in einigen Sekunden erneut.',
    en: 'The database is busy right now. Please try again in a few seconds.',
  },
  database_unavailable: {
    de: 'Die Datenbank ist vorübergehend nicht erreichbar. Bitte versuchen Sie es in einigen Sekunden erneut.',
    en: 'The database is temporarily unreachable. Please try again in a few seconds.',
  },
  role_not_grantable: {
    de: 'Diese Rolle dürfen Sie nicht vergeben.',
    en: 'You may not grant this role.',
  },
  role_already_held: {
    de: 'Die Person hat diese Rolle bereits.',
    en: 'This person already holds this role.',
  },
  account_unavailable: {
    de: 'Dieses Konto ist gesperrt. Bitte wenden Sie sich an die Administration.',
    en: 'This account is disabled. Please contact the administrators.',
  },
  email_in_use: {
    de: 'Zu dieser E-Mail-Adresse gibt es bereits ein Konto. Bitte melden Sie sich an oder setzen Sie Ihr Passwort zurück.',
    en: 'There is already an account for this e-mail address. Please sign in or reset your password.',
  },
  organisation_name_taken: {
    de: 'Eine Organisation mit diesem Namen ist bereits registriert.',
    en: 'An organisation with this name is already registered.',
  },
  // Own account and administration
  session_required: {
    de: 'Dafür müssen Sie im Browser angemeldet sein; mit einem API-Token ist es nicht möglich.',
    en: 'This needs a signed-in browser session; it is not possible with an API token.',
  },
  user_pseudonymised: {
    de: 'Dieses Konto wurde pseudonymisiert und kann nicht mehr geändert werden.',
    en: 'This account has been pseudonymised and can no longer be changed.',
  },
  status_change_not_allowed: {
    de: 'Dieser Statuswechsel ist nicht möglich. Eingeladene Personen werden durch Annahme der Einladung aktiv.',
    en: 'This status change is not possible. Invited people become active by accepting their invitation.',
  },
  last_admin: {
    de: 'Der Bezirk braucht mindestens eine aktive Administratorin oder einen aktiven Administrator.',
    en: 'The district needs at least one active administrator.',
  },
  own_account_not_allowed: {
    de: 'Ihr eigenes Konto können Sie hier nicht sperren oder pseudonymisieren.',
    en: 'You cannot disable or pseudonymise your own account here.',
  },
  account_managed_elsewhere: {
    de: 'Diese Person hat auch Rollen in einem anderen Bezirk. Bitte stimmen Sie sich mit dessen Administration ab.',
    en: 'This person also holds roles in another district. Please coordinate with its administrators.',
  },
  // Funds and ledger (HTTP)
  netzwerkfonds_commit_by_workflow: {
    de: 'Mittel des Netzwerkfonds werden nur im Antragsverfahren gebunden, ausgezahlt oder zurückgebucht, nicht über eine Buchung von Hand.',
    en: 'Netzwerkfonds money is committed, paid and taken back only through the application workflow, not by a manual booking.',
  },
  // Calls and applications (libs/applications)
  district_not_found: { de: 'Diesen Bezirk gibt es nicht.', en: 'There is no such district.' },
  call_not_found: { de: 'Diesen Aufruf gibt es nicht.', en: 'There is no such call.' },
  file_not_found: { de: 'Diese Datei gibt es nicht.', en: 'There is no such file.' },
  version_not_found: {
    de: 'Diese eingereichte Fassung gibt es nicht.',
    en: 'There is no such submitted version.',
  },
  call_off_not_found: { de: 'Diesen Mittelabruf gibt es nicht.', en: 'There is no such call-off.' },
  call_not_open: {
    de: 'Dieser Aufruf nimmt keine Anträge an: Er ist nicht geöffnet oder die Einreichungsfrist ist abgelaufen.',
    en: 'This call takes no applications: it is not open or its submission deadline has passed.',
  },
  programme_year_fixed: {
    de: 'Zu diesem Aufruf gibt es schon Anträge; ihr Programmjahr {programmeYear} steht in ihren Antragsnummern und bleibt.',
    en: 'This call already has applications; their programme year {programmeYear} is part of their file numbers and stays.',
  },
  call_title_taken: {
    de: 'Einen Aufruf mit diesem Titel gibt es in diesem Bezirk für das Programmjahr schon. Bitte wählen Sie einen anderen Titel.',
    en: 'This district already has a call with this title for the programme year. Please choose another title.',
  },
  call_status_conflict: {
    de: 'Der Aufruf hat den Status „{status}“; diese Änderung ist dann nicht möglich.',
    en: 'The call has the status "{status}"; this change is not possible then.',
  },
  version_conflict: {
    de: 'Der Antrag wurde inzwischen geändert (jetzt Fassung {version}). Bitte laden Sie ihn neu.',
    en: 'The application was changed in the meantime (now version {version}). Please reload it.',
  },
  content_locked: {
    de: 'Im Status „{state}“ kann der Inhalt des Antrags nicht geändert werden.',
    en: 'The content of the application cannot be changed in the state "{state}".',
  },
  not_organisation_member: {
    de: 'Nur Mitglieder der antragstellenden Organisation können das tun.',
    en: 'Only members of the applying organisation can do this.',
  },
  idempotency_key_reused: {
    de: 'Dieser Idempotency-Key wurde bereits für eine andere Anfrage verwendet.',
    en: 'This Idempotency-Key was already used for a different request.',
  },
  netzwerkfonds_missing: {
    de: 'Für diesen Bezirk ist noch kein Netzwerkfonds angelegt; die Finanzverwaltung muss ihn zuerst einrichten.',
    en: 'This district has no Netzwerkfonds yet; finance staff must create it first.',
  },
  instalments_mismatch: {
    de: 'Die Raten ergeben zusammen {instalmentsCents:money}, bewilligt werden {amountCents:money}.',
    en: 'The instalments add up to {instalmentsCents:money}, the grant is {amountCents:money}.',
  },
  call_off_not_allowed: {
    de: 'Mittel können nur während der Umsetzung abgerufen werden (Status jetzt: „{state}“).',
    en: 'Funds can only be called off during implementation (state now: "{state}").',
  },
  plan_change_not_allowed: {
    de: 'Eine Änderung des Kosten- und Finanzierungsplans wird nur zwischen Zuwendungsbescheid und Abschluss genehmigt (Status jetzt: „{state}“).',
    en: 'A change to the cost and financing plan is approved only between the grant notice and completion (state now: "{state}").',
  },
  report_not_allowed: {
    de: 'Zwischenberichte werden während der Umsetzung eingereicht (Status jetzt: „{state}“).',
    en: 'Interim reports are submitted during implementation (state now: "{state}").',
  },
  call_off_decided: {
    de: 'Über diesen Mittelabruf wurde bereits entschieden ({state}).',
    en: 'This call-off was already decided ({state}).',
  },
  call_off_not_paid: {
    de: 'Eine Verwendung kann erst gemeldet werden, wenn der Mittelabruf ausgezahlt ist.',
    en: 'A use can be reported once the call-off has been paid.',
  },
  call_off_use_reported: {
    de: 'Die Verwendung dieses Mittelabrufs ist bereits gemeldet. Bitte laden Sie die Seite neu, um den gemeldeten Tag zu sehen.',
    en: 'The use of this call-off was already reported. Please reload the page to see the day reported.',
  },
  call_off_not_approved: {
    de: 'Der Mittelabruf ist noch nicht freigegeben. Geben Sie ihn zuerst frei.',
    en: 'The call-off has not been approved yet. Approve it first.',
  },
  call_off_exceeds_instalment: {
    de: 'Für das Kassenjahr {cashYear} können höchstens noch {availableCents:money} abgerufen werden.',
    en: 'At most {availableCents:money} can still be called off for the cash year {cashYear}.',
  },
  amount_below_call_minimum: {
    de: 'Der beantragte Betrag von {requestedCents:money} liegt unter dem Mindestbetrag des Aufrufs von {minCents:money}. Der Netzwerkfonds fördert Projekte ab {floorCents:money}.',
    en: "The requested amount of {requestedCents:money} is below the call's minimum of {minCents:money}. The Netzwerkfonds funds projects from {floorCents:money}.",
  },
  five_year_limit_exceeded: {
    de: 'Derselbe Zweck darf höchstens {limit} Jahre in Folge gefördert werden; mit diesem Antrag wären es {years} Jahre ({first}–{last}).',
    en: 'The same purpose may be funded for at most {limit} consecutive years; with this application it would be {years} years ({first}–{last}).',
  },
  call_off_before_project_start: {
    de: 'Mittel können erst ab Beginn des Bewilligungszeitraums am {periodStart} abgerufen werden.',
    en: 'Funds can only be called off from the start of the funding period on {periodStart}.',
  },
  call_off_after_project_end: {
    de: 'Der Bewilligungszeitraum endete am {periodEnd}; es können keine Mittel mehr abgerufen werden.',
    en: 'The funding period ended on {periodEnd}; no more funds can be called off.',
  },
  call_off_other_cash_year: {
    de: 'Abgerufen werden kann nur die Rate des laufenden Kassenjahres {currentCashYear}, nicht die für {cashYear}.',
    en: 'Only the instalment of the current cash year {currentCashYear} can be called off, not the one for {cashYear}.',
  },
  payment_before_project_start: {
    de: 'Eine Auszahlung vor Beginn des Bewilligungszeitraums am {periodStart} ist nicht zulässig.',
    en: 'A payment before the funding period starts on {periodStart} is not allowed.',
  },
  payment_outside_cash_year: {
    de: 'Der Mittelabruf gehört zum Kassenjahr {cashYear}; das Auszahlungsdatum muss in diesem Jahr liegen.',
    en: 'The call-off belongs to the cash year {cashYear}; the payment date must lie in that year.',
  },
  early_start_missing: {
    de: 'Der Bewilligungszeitraum beginnt am {periodStart}, vor dem Datum des Bescheids ({noticeDate}). Bitte erfassen Sie einen genehmigten vorzeitigen Maßnahmebeginn mit Datum und Begründung.',
    en: 'The funding period starts on {periodStart}, before the date of the notice ({noticeDate}). Please record an approved early start with its date and reason.',
  },
  payment_exceeds_claim: {
    de: 'Offen sind nur noch {openCents:money}; {amountCents:money} können nicht gegen diese Rückforderung gebucht werden.',
    en: 'Only {openCents:money} are still open; {amountCents:money} cannot be booked against this claim.',
  },
  recovery_notice_issued: {
    de: 'Für diese Rückforderung wurde bereits ein Bescheid erlassen.',
    en: 'A notice was already issued for this claim.',
  },
  recovery_notice_missing: {
    de: 'Für diese Rückforderung wurde noch kein Bescheid erlassen.',
    en: 'No notice was issued for this claim yet.',
  },
  settlement_unavailable: {
    de: 'Für dieses Projekt liegt noch kein Verwendungsnachweis vor.',
    en: 'There is no proof of use for this project yet.',
  },
  claim_settled: {
    de: 'Diese Rückforderung ist bereits erledigt.',
    en: 'This repayment claim is already settled.',
  },
  grant_notice_unavailable: {
    de: 'Einen Zuwendungsbescheid gibt es erst nach der Auswahl (Status jetzt: „{state}“).',
    en: 'A grant notice exists only after the selection (state now: "{state}").',
  },
  // Application lifecycle (libs/domain/src/applications)
  event_not_allowed: {
    de: 'Dieser Schritt ist im aktuellen Status des Antrags nicht möglich.',
    en: 'This step is not possible in the application’s current state.',
  },
  event_forbidden_for_role: {
    de: 'Diesen Schritt darf Ihre Rolle bei diesem Antrag nicht auslösen.',
    en: 'Your role in this application may not take this step.',
  },
  submission_deadline_passed: {
    de: 'Die Einreichungsfrist des Aufrufs ist abgelaufen; der Antrag kann nicht mehr eingereicht werden.',
    en: 'The call’s submission deadline has passed; the application can no longer be submitted.',
  },
  reply_deadline_passed: {
    de: 'Die Frist für die Nachbesserung ist abgelaufen. Bitte wenden Sie sich an die Koordination.',
    en: 'The deadline for the requested changes has passed. Please contact the coordinators.',
  },
  application_incomplete: {
    de: 'Der Antrag ist noch nicht vollständig ({count} offene Punkte). Bitte ergänzen Sie die genannten Angaben.',
    en: 'The application is not complete yet ({count} open points). Please add what is listed.',
  },
  senate_selection_missing: {
    de: 'Vor der Bewilligung muss die Auswahl des Senats erfasst sein.',
    en: 'The Senate’s selection must be recorded before approval.',
  },
  plan_adjustment_required: {
    de: 'Der Senat hat einen geringeren Betrag ausgewählt. Die Träger:in muss zuerst den Kosten- und Finanzierungsplan anpassen.',
    en: 'The Senate selected a lower amount. The carrier must first adjust the cost and financing plan.',
  },
  declarations_missing: {
    de: 'Vor der Bewilligung müssen alle Erklärungen abgegeben sein (Projekt nicht begonnen, Subventionsbetrug, Transparenzdatenbank).',
    en: 'All declarations must be confirmed before approval (project not started, subsidy fraud, transparency database).',
  },
  committee_decision_missing: {
    de: 'Auswählen oder auf die Warteliste setzen geht nur auf einen angenommenen Beschluss des Gremiums: über die beschlossene Prioritätenliste oder einen Beschluss zu diesem Antrag.',
    en: 'Selecting or waitlisting needs a decision the committee adopted: through the finalised priority list, or a decision on this application.',
  },
  decision_not_current: {
    de: 'Der genannte Beschluss ist nicht der aktuelle angenommene Beschluss des Gremiums zu diesem Antrag.',
    en: 'The decision named is not the committee’s current adopted decision on this application.',
  },
  not_on_sent_list: {
    de: 'Der Senat wählt nur aus der Prioritätenliste, die der Bezirk übermittelt hat; dieser Antrag steht nicht darauf.',
    en: 'The Senate selects only from the priority list the district sent; this application is not on it.',
  },
  call_offs_open: {
    de: 'Es gibt noch einen offenen Mittelabruf. Der Verwendungsnachweis kann erst nach dessen Entscheidung eingereicht werden.',
    en: 'A call-off is still open. The proof of use can be submitted once it is decided.',
  },
  // Committee: sessions, votes and written procedures (libs/domain/src/committee)
  voter_not_present: {
    de: 'Dieses Mitglied ist in der Sitzung nicht anwesend oder vertreten und kann nicht abstimmen.',
    en: 'This member is not present or represented in the session and cannot vote.',
  },
  voter_not_eligible: {
    de: 'Dieses Mitglied ist im Umlaufverfahren nicht stimmberechtigt.',
    en: 'This member is not entitled to vote in the written procedure.',
  },
  member_conflicted: {
    de: 'Wegen eines erklärten Interessenkonflikts (Befangenheit) können Sie zu diesem Antrag nicht abstimmen.',
    en: 'Because of a declared conflict of interest you cannot vote on this application.',
  },
  rules_locked_while_deciding: {
    de: 'Die Abstimmungsregeln können nicht geändert werden, solange eine Sitzung oder Abstimmung des Gremiums läuft (offene Sitzungen: {sessions}, offene Abstimmungen: {votes}). Sie gelten für diese so, wie sie bei der Eröffnung waren.',
    en: 'The voting rules cannot be changed while a session or vote of the committee is open (open sessions: {sessions}, open votes: {votes}). Those decide by the rules they were opened with.',
  },
  quorum_not_reached: {
    de: 'Das Gremium ist nicht beschlussfähig (anwesend {present}, erforderlich {required}). Die Abstimmung kann nur mit ausdrücklicher Bestätigung eröffnet werden; das Protokoll vermerkt es.',
    en: 'The committee has no quorum (present {present}, required {required}). The vote can only be opened with explicit confirmation; the minutes note it.',
  },
  committee_not_found: {
    de: 'Dieses Gremium wurde nicht gefunden.',
    en: 'This committee was not found.',
  },
  vote_not_found: {
    de: 'Diese Abstimmung wurde nicht gefunden.',
    en: 'This vote was not found.',
  },
  conflict_not_found: {
    de: 'Diese Erklärung zur Befangenheit wurde nicht gefunden.',
    en: 'This declaration of a conflict of interest was not found.',
  },
  not_committee_member: {
    de: 'Das können nur aktuelle Mitglieder des Gremiums.',
    en: 'Only current members of the committee can do this.',
  },
  not_voting_member: {
    de: 'Beratende Mitglieder stimmen nicht ab; Vertretungen stimmen nur in einer Sitzung anstelle des abwesenden Mitglieds ab.',
    en: 'Advisory members do not vote; substitutes vote only in a session, in place of the absent member.',
  },
  vote_closed: {
    de: 'Die Abstimmung ist beendet; es kann keine Stimme mehr abgegeben werden.',
    en: 'The vote is closed; no more votes can be cast.',
  },
  session_not_found: {
    de: 'Diese Sitzung wurde nicht gefunden.',
    en: 'This session was not found.',
  },
  agenda_item_not_found: {
    de: 'Dieser Tagesordnungspunkt wurde nicht gefunden.',
    en: 'This agenda item was not found.',
  },
  session_status_conflict: {
    de: 'Das ist in einer Sitzung mit dem Status „{status}“ nicht möglich.',
    en: 'This is not possible in a session with the status "{status}".',
  },
  item_vote_open: {
    de: 'Zu einem Tagesordnungspunkt läuft noch eine Abstimmung; schließen Sie sie zuerst.',
    en: 'A vote on an agenda item is still open; close it first.',
  },
  session_still_open: {
    de: 'Die Sitzung ist noch nicht geschlossen; das Protokoll gibt es danach.',
    en: 'The session is not closed yet; the minutes exist afterwards.',
  },
  vote_still_open: {
    de: 'Die Abstimmung läuft noch; das Protokoll gibt es, sobald sie beendet ist.',
    en: 'The vote is still open; the minutes exist once it is closed.',
  },
  already_voted: {
    de: 'Sie haben bereits abgestimmt ({choice}). Eine abgegebene Stimme lässt sich nicht ändern.',
    en: 'You have already voted ({choice}). A vote cast cannot be changed.',
  },
  vote_already_open: {
    de: 'Zu diesem Antrag läuft bereits eine Abstimmung.',
    en: 'A vote on this application is already open.',
  },
  application_not_before_committee: {
    de: 'Über den Antrag kann im Status „{state}“ nicht abgestimmt werden; das geht in Begutachtung und Programmplanung.',
    en: 'The application cannot be voted on in the state "{state}"; votes are taken under review and in programme planning.',
  },
  conflict_withdrawn: {
    de: 'Diese Erklärung wurde bereits zurückgenommen.',
    en: 'This declaration was already withdrawn.',
  },
  criteria_locked: {
    de: 'Zu diesem Aufruf liegen schon Voten vor; die Bewertungskriterien lassen sich nicht mehr ändern.',
    en: 'Reviews for this call have been given; the scoring criteria can no longer be changed.',
  },
  review_deadline_passed: {
    de: 'Die Frist für die Voten ist abgelaufen; Voten lassen sich nicht mehr abgeben oder ändern.',
    en: 'The review deadline has passed; reviews can no longer be given or changed.',
  },
  minutes_already_published: {
    de: 'Das Protokoll dieser Sitzung ist bereits veröffentlicht.',
    en: 'The minutes of this session have already been published.',
  },
  minutes_not_published: {
    de: 'Das Protokoll dieser Sitzung ist noch nicht veröffentlicht.',
    en: 'The minutes of this session have not been published yet.',
  },
  membership_overlaps: {
    de: 'Diese Person gehört dem Gremium in diesem Zeitraum bereits an.',
    en: 'This person already sits on the committee in this period.',
  },
  membership_ended: {
    de: 'Diese Mitgliedschaft ist bereits beendet.',
    en: 'This membership has already ended.',
  },
  member_not_found: {
    de: 'Dieses Mitglied wurde nicht gefunden.',
    en: 'This member was not found.',
  },
  plan_final: {
    de: 'Die Prioritätenliste ist beschlossen und lässt sich nicht mehr ändern.',
    en: 'The priority list is final and can no longer be changed.',
  },
  plan_empty: {
    de: 'Die Prioritätenliste enthält keinen ausgewählten Antrag; beschlossen werden kann sie erst mit mindestens einem vom Gremium befürworteten Antrag im Budget.',
    en: 'The priority list selects no application; it can be finalised once at least one application adopted by the committee fits the budget.',
  },
  scenario_not_found: {
    de: 'Dieses Szenario wurde nicht gefunden.',
    en: 'This scenario was not found.',
  },
  reviewer_conflicted: {
    de: 'Wegen eines erklärten Interessenkonflikts (Befangenheit) geben Sie zu diesem Antrag kein Votum ab.',
    en: 'Because of a declared conflict of interest you give no review on this application.',
  },
};

export const VALIDATION_MESSAGES: Catalogue = {
  csvLayoutUnknown: {
    de: 'Die Kopfzeile passt zu keinem bekannten Aufbau (Monitoring Soziale Stadtentwicklung oder Gebiet;Jahr;Indikator;Wert;Einheit;Quelle).',
    en: 'The header matches no known layout (Monitoring Soziale Stadtentwicklung or Gebiet;Jahr;Indikator;Wert;Einheit;Quelle).',
  },
  csvColumnExpected: {
    de: 'Hier wird diese Spalte erwartet; die Datei hat „{found}“.',
    en: 'This column is expected here; the file has “{found}”.',
  },
  csvColumnUnexpected: { de: 'Diese Spalte ist nicht vorgesehen.', en: 'This column is not expected.' },
  csvNoRows: { de: 'Die Datei enthält keine Datenzeilen.', en: 'The file has no data rows.' },
  geojsonNotFeatureCollection: {
    de: 'Die Datei ist keine GeoJSON-FeatureCollection.',
    en: 'The file is not a GeoJSON FeatureCollection.',
  },
  geojsonNoFeatures: { de: 'Die Datei enthält keine Gebiete.', en: 'The file holds no areas.' },
  geojsonTooManyFeatures: {
    de: 'Die Datei enthält zu viele Gebiete (höchstens {max}).',
    en: 'The file holds too many areas (at most {max}).',
  },
  geojsonDuplicateArea: {
    de: 'Das Gebiet „{value}“ kommt schon in Objekt {first} vor.',
    en: 'The area “{value}” already appears in feature {first}.',
  },
  geojsonGeometry: {
    de: 'Die Form muss ein Polygon oder MultiPolygon aus geschlossenen Ringen mit Längen- und Breitengrad sein.',
    en: 'The shape must be a Polygon or MultiPolygon of closed rings of longitude and latitude.',
  },
  geojsonTooManyPoints: {
    de: 'Die Formen haben zu viele Punkte (höchstens {max}); bitte vereinfachen Sie sie.',
    en: 'The shapes have too many points (at most {max}); please simplify them.',
  },
  csvTooManyRows: {
    de: 'Die Datei hat zu viele Zeilen (höchstens {max}).',
    en: 'The file has too many rows (at most {max}).',
  },
  csvCellCount: {
    de: 'Die Zeile hat {found} statt {expected} Zellen.',
    en: 'The row has {found} cells instead of {expected}.',
  },
  csvCellInvalid: {
    de: 'Die Zelle ist zu lang (höchstens {max} Zeichen) oder enthält Steuerzeichen.',
    en: 'The cell is too long (at most {max} characters) or holds control characters.',
  },
  csvUnknownArea: {
    de: 'Das Gebiet „{value}“ ist in diesem Bezirk nicht bekannt.',
    en: 'The area “{value}” is not known in this district.',
  },
  csvYear: { de: '„{value}“ ist kein Jahr (vierstellig).', en: '“{value}” is not a year (four digits).' },
  csvDecimal: {
    de: '„{value}“ ist keine Zahl in deutscher Schreibweise (z. B. 1.234,56; höchstens vier Nachkommastellen).',
    en: '“{value}” is not a number in German notation (e.g. 1.234,56; at most four decimals).',
  },
  csvDuplicate: {
    de: 'Dieser Wert steht schon in Zeile {firstRow}.',
    en: 'This value is already given in row {firstRow}.',
  },
  csvUnknownFund: {
    de: '„{value}“ ist kein Fonds (Netzwerkfonds, Aktionsfonds, Projektfonds oder Baufonds).',
    en: '“{value}” is not a fund (Netzwerkfonds, Aktionsfonds, Projektfonds or Baufonds).',
  },
  csvUnknownOrganisation: {
    de: 'Die Träger:in „{value}“ ist nicht bekannt. Bitte schreiben Sie den Namen wie im System.',
    en: 'The carrier “{value}” is not known. Please write the name as in the system.',
  },
  csvAmount: {
    de: '„{value}“ ist kein Betrag über 0 in deutscher Schreibweise (z. B. 1.234,56).',
    en: '“{value}” is not an amount above 0 in German notation (e.g. 1.234,56).',
  },
  csvDate: {
    de: '„{value}“ ist kein Datum in der Form TT.MM.JJJJ (z. B. 22.11.2026).',
    en: '“{value}” is not a date in the form DD.MM.YYYY (e.g. 22.11.2026).',
  },
  csvPredecessorRow: {
    de: '„{value}“ ist keine frühere fehlerfreie Zeile dieser Datei.',
    en: '“{value}” is not an earlier valid row of this file.',
  },
  csvPredecessorOtherCarrier: {
    de: 'Das Vorhaben in Zeile {value} gehört einer anderen Träger:in.',
    en: 'The project in row {value} belongs to another carrier.',
  },
  lorCode: {
    de: '„{value}“ ist keine LOR-Nummer mit {digits} Ziffern.',
    en: '“{value}” is not a LOR number of {digits} digits.',
  },
  lorCodeNesting: {
    de: 'Die Nummer „{value}“ passt nicht zur übergeordneten Raumeinheit.',
    en: 'The number “{value}” does not fit the enclosing unit.',
  },
  csvEncoding: {
    de: 'Die Datei ist nicht in UTF-8 gespeichert.',
    en: 'The file is not saved as UTF-8.',
  },
  required: { de: 'Dieses Feld ist erforderlich.', en: 'This field is required.' },
  cursor: {
    de: 'Diese Seitenmarke ist ungültig. Bitte laden Sie die Liste neu.',
    en: 'This page marker is not valid. Please reload the list.',
  },
  fileTooLarge: {
    de: 'Die Datei ist zu groß (höchstens {maxMegabytes} MB).',
    en: 'The file is too large (at most {maxMegabytes} MB).',
  },
  fileTypeNotAllowed: {
    de: 'Dieser Dateityp ist nicht erlaubt. Erlaubt sind: {allowed}.',
    en: 'This file type is not allowed. Allowed are: {allowed}.',
  },
  attachmentKind: {
    de: 'Bitte wählen Sie die Art der Anlage (Kleinbuchstaben, Ziffern, Unterstrich).',
    en: 'Please choose the kind of attachment (lower-case letters, digits, underscore).',
  },
  idempotencyKey: {
    de: 'Der Idempotency-Key muss 1 bis 200 druckbare Zeichen ohne Leerzeichen haben.',
    en: 'The Idempotency-Key must have 1 to 200 printable characters without spaces.',
  },
  inFuture: {
    de: 'Bitte wählen Sie einen Zeitpunkt in der Zukunft.',
    en: 'Please choose a time in the future.',
  },
  notInFuture: {
    de: 'Das Datum darf nicht in der Zukunft liegen.',
    en: 'The date must not be in the future.',
  },
  notInDistrict: {
    de: 'Mindestens ein Eintrag gehört nicht zu diesem Bezirk.',
    en: 'At least one entry does not belong to this district.',
  },
  notBelowMinimum: {
    de: 'Der Höchstbetrag darf nicht unter dem Mindestbetrag liegen.',
    en: 'The maximum must not be below the minimum.',
  },
  netzwerkfondsMinimum: {
    de: 'Der Netzwerkfonds fördert Projekte ab {minCents:money}; der Mindestbetrag des Aufrufs darf nicht darunter liegen.',
    en: "The Netzwerkfonds funds projects from {minCents:money}; the call's minimum must not be lower.",
  },
  unique: { de: 'Jeder Eintrag darf nur einmal vorkommen.', en: 'Each entry may occur only once.' },
  notAboveRequested: {
    de: 'Der Betrag darf die beantragte Summe ({requestedCents:money}) nicht übersteigen.',
    en: 'The amount must not exceed the requested sum ({requestedCents:money}).',
  },
  notAbovePlanned: {
    de: 'Der Betrag darf den Betrag der abgeschlossenen Programmplanung ({plannedCents:money}) nicht übersteigen.',
    en: 'The amount must not exceed the amount on the finalised programme plan ({plannedCents:money}).',
  },
  notAboveAmount: {
    de: 'Die Umsatzsteuer darf nicht höher sein als der Betrag, in dem sie enthalten ist.',
    en: 'The VAT must not exceed the amount it is part of.',
  },
  cashYearOutsidePeriod: {
    de: 'Das Kassenjahr muss im Förderzeitraum liegen und darf nicht vor dem Programmjahr liegen ({from} bis {to}).',
    en: 'The cash year must lie within the project period and not before the programme year ({from} to {to}).',
  },
  cashYearOutsideNotice: {
    de: 'Das Kassenjahr muss eines der Kassenjahre des Zuwendungsbescheids sein.',
    en: 'The cash year must be one of the grant notice’s cash years.',
  },
  finalReportRequired: {
    de: 'Bitte legen Sie die Frist für den Verwendungsnachweis fest.',
    en: 'Please set the deadline for the proof of use.',
  },
  unknown_field: { de: 'Dieses Feld ist nicht vorgesehen.', en: 'This field is not expected.' },
  type: { de: 'Der Wert hat nicht den erwarteten Typ.', en: 'The value does not have the expected type.' },
  isString: { de: 'Bitte geben Sie einen Text ein.', en: 'Please enter text.' },
  isInt: { de: 'Bitte geben Sie eine ganze Zahl ein.', en: 'Please enter a whole number.' },
  isBoolean: { de: 'Bitte wählen Sie ja oder nein.', en: 'Please choose yes or no.' },
  isEmail: {
    de: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
    en: 'Please enter a valid e-mail address.',
  },
  isUuid: { de: 'Bitte geben Sie eine gültige Kennung an.', en: 'Please provide a valid identifier.' },
  isDateString: {
    de: 'Bitte geben Sie ein gültiges Datum an.',
    en: 'Please provide a valid date.',
  },
  instant: {
    de: 'Bitte geben Sie einen Zeitpunkt mit Datum, Uhrzeit und Zeitzone an, z. B. 2027-01-31T23:59:00+01:00.',
    en: 'Please give a point in time with date, time and time zone, e.g. 2027-01-31T23:59:00+01:00.',
  },
  isIn: { de: 'Bitte wählen Sie einen der erlaubten Werte.', en: 'Please choose one of the allowed values.' },
  isEnum: {
    de: 'Bitte wählen Sie einen der erlaubten Werte.',
    en: 'Please choose one of the allowed values.',
  },
  isNotEmpty: { de: 'Dieses Feld darf nicht leer sein.', en: 'This field must not be empty.' },
  minLength: {
    de: 'Bitte geben Sie mindestens {min} Zeichen ein.',
    en: 'Please enter at least {min} characters.',
  },
  maxLength: {
    de: 'Bitte geben Sie höchstens {max} Zeichen ein.',
    en: 'Please enter at most {max} characters.',
  },
  min: { de: 'Der Wert muss mindestens {min} sein.', en: 'The value must be at least {min}.' },
  max: { de: 'Der Wert darf höchstens {max} sein.', en: 'The value must be at most {max}.' },
  commonPassword: {
    de: 'Dieses Passwort ist zu verbreitet. Bitte wählen Sie ein anderes.',
    en: 'This password is too common. Please choose another one.',
  },
  germanAmount: {
    de: 'Bitte geben Sie einen Betrag wie 1.234,56 ein.',
    en: 'Please enter an amount such as 1.234,56.',
  },
  qmArea: {
    de: 'Bitte wählen Sie ein Quartiersmanagement-Gebiet.',
    en: 'Please choose a neighbourhood management area.',
  },
  notBeforePayment: {
    de: 'Das Datum darf nicht vor der Auszahlung liegen.',
    en: 'The date must not be before the payment.',
  },
  whitelistValidation: { de: 'Dieses Feld ist nicht vorgesehen.', en: 'This field is not expected.' },
  isDefined: { de: 'Dieses Feld ist erforderlich.', en: 'This field is required.' },
  iban: {
    de: 'Bitte prüfen Sie die IBAN: Länge oder Prüfziffern stimmen nicht.',
    en: 'Please check the IBAN: its length or check digits are wrong.',
  },
  postalCode: {
    de: 'Bitte geben Sie eine fünfstellige Postleitzahl ein.',
    en: 'Please enter a five-digit postal code.',
  },
  isArray: { de: 'Bitte senden Sie eine Liste.', en: 'Please send a list.' },
  isObject: {
    de: 'Bitte senden Sie hier ein Objekt mit Feldern, keine Liste und keinen einzelnen Wert.',
    en: 'Please send an object with fields here, not a list or a single value.',
  },
  arrayMaxSize: {
    de: 'Bitte senden Sie höchstens {max} Einträge.',
    en: 'Please send at most {max} entries.',
  },
  arrayNotEmpty: {
    de: 'Bitte geben Sie mindestens einen Eintrag an.',
    en: 'Please give at least one entry.',
  },
  notSubstitute: {
    de: 'Dieses Mitglied ist nicht als Vertretung für das genannte Mitglied eingetragen.',
    en: 'This member is not registered as the substitute of the member named.',
  },
  notAboveDenominator: {
    de: 'Der Zähler darf nicht größer als der Nenner ({denominator}) sein.',
    en: 'The numerator must not be greater than the denominator ({denominator}).',
  },
  votingMember: {
    de: 'Vertreten werden können nur stimmberechtigte Mitglieder, die selbst keine Vertretung sind.',
    en: 'Only voting members who are not substitutes themselves can be substituted.',
  },
  adoptedOnly: {
    de: 'Einen Platz auf der Prioritätenliste erhalten nur Anträge, die das Gremium befürwortet hat.',
    en: 'Only applications the committee adopted get a place on the priority list.',
  },
  duplicate: {
    de: 'Dieser Wert kommt mehrfach vor.',
    en: 'This value occurs more than once.',
  },
  cents: {
    de: 'Bitte geben Sie den Betrag als positive ganze Zahl von Cent an (z. B. 123456 für 1.234,56 €).',
    en: 'Please give the amount as a positive whole number of cents (e.g. 123456 for €1,234.56).',
  },
  notBeforeStart: {
    de: 'Das Ende darf nicht vor dem Beginn liegen.',
    en: 'The end must not be before the start.',
  },
  exists: {
    de: 'Der gewählte Eintrag wurde nicht gefunden.',
    en: 'The selected entry was not found.',
  },
  beforeCommittee: {
    de: 'Dieser Antrag liegt dem Gremium nicht vor (Status „{state}“).',
    en: 'This application is not before the committee (state "{state}").',
  },
  callCommittee: {
    de: 'Über diesen Antrag berät das Gremium, das sein Aufruf nennt, nicht dieses.',
    en: 'This application is decided by the committee its call names, not by this one.',
  },
  exactlyOneOf: {
    de: 'Bitte geben Sie genau eines an: dieses Feld oder „{other}“.',
    en: 'Please give exactly one of this field and "{other}".',
  },
  // Completeness of an application (applicationProblems)
  sums_mismatch: {
    de: 'Im Kassenjahr {cashYear} stimmen Kosten ({costsCents:money}) und Finanzierung ({financingCents:money}) nicht überein.',
    en: 'In the cash year {cashYear}, costs ({costsCents:money}) and financing ({financingCents:money}) do not match.',
  },
  nothing_requested: {
    de: 'Bitte geben Sie an, welche Fördersumme Sie beantragen.',
    en: 'Please state the funding you request.',
  },
  amount_below_minimum: {
    de: 'Die beantragte Summe ({requestedCents:money}) liegt unter dem Mindestbetrag des Aufrufs ({minCents:money}).',
    en: 'The requested sum ({requestedCents:money}) is below the call’s minimum ({minCents:money}).',
  },
  amount_above_maximum: {
    de: 'Die beantragte Summe ({requestedCents:money}) liegt über dem Höchstbetrag des Aufrufs ({maxCents:money}).',
    en: 'The requested sum ({requestedCents:money}) is above the call’s maximum ({maxCents:money}).',
  },
  not_in_call: {
    de: 'Dieser Eintrag gehört nicht zum Aufruf.',
    en: 'This entry is not part of the call.',
  },
  period_before_programme_year: {
    de: 'Das Projekt darf nicht vor dem Programmjahr {programmeYear} beginnen.',
    en: 'The project must not start before the programme year {programmeYear}.',
  },
  cash_year_outside_programme: {
    de: 'Das Kassenjahr {cashYear} liegt außerhalb der Kassenjahre des Programmjahres ({first} bis {last}).',
    en: 'The cash year {cashYear} lies outside the cash years of the programme year ({first} to {last}).',
  },
  single_area: {
    de: 'Das Projekt nennt nur ein Gebiet; Netzwerkfonds-Projekte sollen mehrere Gebiete erreichen.',
    en: 'The project names only one area; Netzwerkfonds projects should reach several areas.',
  },
  predecessor_not_found: {
    de: 'Das genannte Vorgängerprojekt gibt es bei Ihrer Organisation nicht.',
    en: 'Your organisation has no such earlier project.',
  },
  predecessor_other_district: {
    de: 'Das genannte frühere Projekt wurde in einem anderen Bezirk eingelesen; wählen Sie ein Projekt dieses Bezirks.',
    en: 'The earlier project named was imported in another district; choose a project of this district.',
  },
  cash_year_outside_period: {
    de: 'Das Kassenjahr {cashYear} liegt außerhalb des Projektzeitraums.',
    en: 'The cash year {cashYear} lies outside the project period.',
  },
  attachment_missing: {
    de: 'Die erforderliche Anlage „{key}“ fehlt.',
    en: 'The required attachment "{key}" is missing.',
  },
  noNulCharacters: {
    de: 'Der Text enthält ein unzulässiges Steuerzeichen (NUL).',
    en: 'The text contains a control character that is not allowed (NUL).',
  },
  utf8: {
    de: 'Der Text ist nicht gültig UTF-8-kodiert.',
    en: 'The text is not valid UTF-8.',
  },
  maxDepth: {
    de: 'Die Daten sind zu tief verschachtelt (höchstens {max} Ebenen).',
    en: 'The data is nested too deeply (at most {max} levels).',
  },
  tooManyKeys: {
    de: 'Das Objekt hat zu viele Felder (höchstens {max}).',
    en: 'The object has too many fields (at most {max}).',
  },
  int32: {
    de: 'Die Zahl muss zwischen {min} und {max} liegen.',
    en: 'The number must be between {min} and {max}.',
  },
  tooManyFields: {
    de: 'Die Übertragung enthält zu viele Felder.',
    en: 'The upload contains too many fields.',
  },
  fieldTooLong: { de: 'Dieses Feld ist zu lang.', en: 'This field is too long.' },
  fieldNameTooLong: { de: 'Ein Feldname ist zu lang.', en: 'A field name is too long.' },
  tooManyFiles: { de: 'Bitte laden Sie genau eine Datei hoch.', en: 'Please upload exactly one file.' },
  tooManyParts: { de: 'Die Übertragung enthält zu viele Teile.', en: 'The upload contains too many parts.' },
  multipartMalformed: {
    de: 'Die Datei kam nicht lesbar an, etwa wegen eines Steuerzeichens im Dateinamen. Bitte benennen Sie die Datei um und laden Sie sie erneut hoch.',
    en: 'The file did not arrive in a readable form, for example because of a control character in its name. Please rename the file and upload it again.',
  },
  unexpectedFile: {
    de: 'An dieser Stelle wird keine Datei erwartet.',
    en: 'No file is expected here.',
  },
  // Importing a cost and financing plan from a spreadsheet (plan-sheet.ts)
  sheetColumnMissing: {
    de: 'In der Kopfzeile fehlt die Spalte „{header}“. Bitte verwenden Sie die Vorlage.',
    en: 'The header row lacks the column "{header}". Please use the template.',
  },
  sheetCategory: {
    de: 'Diese Kostenart gibt es nicht. Erlaubt sind: Personalkosten, Sachkosten, Honorare, Investitionen, Verwaltungskosten.',
    en: 'There is no such cost category. Allowed are: Personalkosten, Sachkosten, Honorare, Investitionen, Verwaltungskosten.',
  },
  sheetCellUnreadable: {
    de: 'Diese Zelle ist als Datum formatiert, enthält aber kein gültiges Datum. Bitte tragen Sie den Wert ohne Datumsformat ein.',
    en: 'This cell is formatted as a date but holds no valid date. Please enter the value without a date format.',
  },
  sheetTooManyRows: {
    de: 'Das Blatt hat Einträge unterhalb von Zeile {max}. Bitte tragen Sie den Plan in die ersten Zeilen ein.',
    en: 'The sheet has entries below row {max}. Please enter the plan in the first rows.',
  },
  notNegative: { de: 'Der Betrag darf nicht negativ sein.', en: 'The amount must not be negative.' },
  sheetNoPlan: {
    de: 'Die Datei enthält kein Blatt „Kostenplan“ oder „Finanzierungsplan“ mit Kopfzeile. Bitte verwenden Sie die Vorlage.',
    en: 'The file holds no sheet "Kostenplan" or "Finanzierungsplan" with a header row. Please use the template.',
  },
  sheetUnreadable: {
    de: 'Die Datei konnte nicht gelesen werden. Bitte laden Sie eine Excel-Datei (XLSX) oder eine CSV-Datei mit Semikolon als Trennzeichen hoch.',
    en: 'The file could not be read. Please upload an Excel file (XLSX) or a CSV file separated by semicolons.',
  },
  quorumShare: {
    de: 'Der Anteil für die Beschlussfähigkeit darf höchstens 1 sein (z. B. 2 von 3).',
    en: 'The quorum share must be at most 1 (e.g. 2 of 3).',
  },
};

const FALLBACK_VALIDATION = { de: 'Der Wert ist nicht gültig.', en: 'The value is not valid.' };

export function errorMessage(
  code: string,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  return fill((ERROR_MESSAGES[code] ?? ERROR_MESSAGES.internal_error)![locale], params, locale);
}

export function validationMessage(
  rule: string,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  return fill((VALIDATION_MESSAGES[rule] ?? FALLBACK_VALIDATION)[locale], params, locale);
}

/** `{name}` is the parameter as given; `{name:money}` formats a number of cents (`40.000,00 €`). */
function fill(template: string, params: Record<string, string | number>, locale: Locale): string {
  return template.replace(/\{(\w+)(:money)?\}/g, (whole, key: string, money?: string) => {
    if (!(key in params)) return whole;
    const value = String(params[key]);
    return money && /^-?\d+$/.test(value) ? formatMoney(BigInt(value), locale) : value;
  });
}

/** Picks German unless the caller clearly prefers English (Accept-Language or a user setting). */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'de';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('de')) return 'de';
    if (tag.startsWith('en')) return 'en';
  }
  return 'de';
}
