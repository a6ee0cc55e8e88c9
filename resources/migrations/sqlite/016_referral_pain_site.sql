-- Schema 16: where the referral's pain is (hazard H22). STarT Back is validated for low back pain
-- only; the triage form warns when the site is another. NULL: not recorded (older referrals).
ALTER TABLE referral ADD COLUMN pain_site TEXT;
