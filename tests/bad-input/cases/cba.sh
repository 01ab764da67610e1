# Cost-benefit ([cba], [index]): each case changes one line of a small typed-effects config. Lines: 1 [project],
# 2 title, 3 output, 4 results, 5 price_year, 6 [cba], 7.. the keys below, then the case's own lines.
mkcba() { # FILE EXTRA-LINES (appended to [cba])
    {
        printf '[project]\ntitle = cba case\noutput = out/cba.xlsx\nresults = out/cba.csv\nprice_year = 2018\n[cba]\n'
        printf 'horizon_years = 5\ndiscount_rate = 0.04\ncost_ips = 71000\ncost_control = 16000\n'
        printf 'effect = 0.05, 0.095, 0.103\nwage = 300000\ntax_rate = 0.25\nbenefit = 220000\npsa_draws = 0\n'
        printf '%s\n' "$2"
    } > "$1"
}
mkcba cba-btr1.ini "benefit_tax_rate = 1"
expect "cba: benefit tax rate of 1 (the budget would save nothing)" 2 "cba-btr1.ini:16: key 'benefit_tax_rate' in [cba]" \
    "outside the valid range [0, 1)" -- cba cba-btr1.ini
mkcba cba-btrneg.ini "benefit_tax_rate = -0.1"
expect "cba: negative benefit tax rate" 2 "cba-btrneg.ini:16: key 'benefit_tax_rate' in [cba]" "[0, 1)" -- cba cba-btrneg.ini
mkcba cba-disp.ini "displacement = 1.2"
expect "cba: displacement above 1" 2 "cba-disp.ini:16: key 'displacement' in [cba]" "outside the valid range [0, 1]" \
    -- cba cba-disp.ini
mkcba cba-dispneg.ini "displacement = -0.05"
expect "cba: negative displacement" 2 "cba-dispneg.ini:16: key 'displacement' in [cba]" "[0, 1]" -- cba cba-dispneg.ini
mkcba cba-noindex.ini "value_per_qaly = 588000
value_per_qaly.price_year = 2012"
expect "cba: a price year with no index to bridge it" 2 "cba-noindex.ini:17: key 'value_per_qaly.price_year' in [cba]" \
    "2012 prices and the analysis in 2018" "[index] cpi has no value for 2012" -- cba cba-noindex.ini
mkcba cba-index-gap.ini "value_per_qaly = 588000
value_per_qaly.price_year = 2012
value_per_qaly.index = gdp_per_capita
[index]
gdp_per_capita = 2012:30.00, 2017:31.78"
expect "cba: an index series without the analysis's year" 2 "cba-index-gap.ini:17: key 'value_per_qaly.price_year'" \
    "has no value for 2018" -- cba cba-index-gap.ini
mkcba cba-implied.ini "implied_from = 2:395000, 3:254000, 4:260000, 5:142000"
expect "cba: a published break-even table whose cumulative effect decreases" 2 \
    "cba-implied.ini:16: key 'implied_from' in [cba]" "falls from" "at horizon 3" "at horizon 4" -- cba cba-implied.ini
mkcba cba-base.ini "persistence = constant, halflife:2"
expect "cba: several persistence rules and no base_case" 2 "cba-base.ini:6: key 'base_case' in [cba]" \
    "is required when persistence lists 2 rules" -- cba cba-base.ini
mkcba cba-base2.ini "persistence = constant, halflife:2
base_case = linear:3"
expect "cba: a base_case that is not one of the rules" 2 "cba-base2.ini:17: key 'base_case' in [cba]" \
    "is not one of the persistence rules" -- cba cba-base2.ini
mkcba cba-path.ini "persistence = path:0.09, 0.08
base_case = path:0.09, 0.08"
expect "cba: a path shorter than the horizon" 2 "cba-path.ini:6:" "years 3 to 4" "horizon_years = 5 needs 3" \
    -- cba cba-path.ini
mkcba cba-takeup.ini "population = 561"
expect "cba: a population without take_up (the scale-up counts the people treated)" 2 \
    "cba-takeup.ini:6: key 'take_up' in [cba]" "give population and take_up" -- cba cba-takeup.ini
mkcba cba-corr.ini "effect_se = 0.04, 0.045, 0.045
effect.dist = normal"
expect "cba: normal effects without their correlation" 2 "cba-corr.ini:6:" "effect.corr" "multivariate normal" \
    -- cba cba-corr.ini
mkcba cba-corr2.ini "effect_se = 0.04, 0.045, 0.045
effect.dist = normal
effect.corr = 0.9, 0.1"
expect "cba: effect.corr of the wrong size" 2 "cba-corr2.ini:18: key 'effect.corr' in [cba]" "2 numbers for 3 effects" \
    -- cba cba-corr2.ini
mkcba cba-unpriced.ini "unpriced = stigma:+6"
expect "cba: an unpriced score outside -4..+4" 2 "cba-unpriced.ini:16: key 'unpriced' in [cba]" "from -4 to +4" \
    -- cba cba-unpriced.ini
