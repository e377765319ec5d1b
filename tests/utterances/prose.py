"""Articles written for the reuse tests (invented events, no text from elsewhere).

``WIRE`` is a wire story; ``OTHER_REPORT`` is a different outlet's own report of
the same strike, quoting two of the same sentences; ``UNRELATED`` and
``WEATHER`` are about other things. Paragraphs are separated by blank lines.
"""

WIRE = """\
HARBOURTON, March 4 (Wire) - Dock workers at the port of Harbourton walked off the job on Tuesday after talks over pay and shift patterns broke down late on Monday night, leaving dozens of container ships waiting at anchor outside the harbour.

The union representing about 4,000 crane operators, lashers and tug crews said the strike would last at least 72 hours and could be extended if the port authority did not return to the table with an improved offer.

"We have been patient for eleven months, and patience has not paid a single bill," union secretary Maria Okonjo told reporters at the main gate. "Our members are working longer nights for less money than they earned five years ago."

The port authority said its latest offer, a raise of 3.5 percent this year and 3 percent next year, was fair and in line with settlements at other ports along the coast. It accused the union of walking away from a deal that was close to being finalised.

"The door remains open, but we cannot agree to a contract that would force us to raise fees on every shipper who uses this port," authority chairman Daniel Reyes said in a statement released on Tuesday morning.

Harbourton handles roughly a fifth of the country's container traffic, and freight forwarders warned that a long stoppage would delay deliveries of car parts, electronics and fresh produce to inland warehouses within days.

Shipping lines began diverting some vessels to the smaller port of Eastwick on Tuesday, where officials said they could take only a limited number of extra ships because their own berths were already close to capacity.

The transport ministry said it was monitoring the situation closely and urged both sides to resume negotiations as soon as possible, but it stopped short of offering to mediate. A ministry spokesman said the government did not intend to intervene in what it described as a commercial dispute.

Previous strikes at Harbourton, in 2015 and again in 2019, lasted four and six days respectively and were settled only after the authority agreed to review overtime rules for night crews.
"""

# the same strike, reported and written by another outlet; two of the wire
# story's quoted sentences appear in it, nothing else
OTHER_REPORT = """\
By Tom Aldous, Coastal Herald

Queues of lorries stretched back along the ring road on Tuesday morning as the first full day of the Harbourton dock strike brought loading at the city's three container terminals to a standstill.

Drivers who had arrived before dawn to collect imported goods were turned away at the gates, and several said they had been told to wait in lay-bys until further notice. One haulier estimated that his firm alone would lose the equivalent of two weeks of profit if the stoppage lasted until the weekend.

Union secretary Maria Okonjo addressed a crowd of several hundred pickets outside the north terminal shortly after seven o'clock. "We have been patient for eleven months, and patience has not paid a single bill," she said, to loud cheers from the crowd.

Local business owners were divided. A cafe owner near the terminal said she supported the workers and had been handing out free coffee to the pickets, while the head of the regional chamber of commerce called the walkout reckless and said it threatened hundreds of jobs at small firms that depend on the port.

Port management have so far refused to improve their offer. "The door remains open, but we cannot agree to a contract that would force us to raise fees on every shipper who uses this port," chairman Daniel Reyes said.

Councillors from both main parties called on the two sides to agree to independent arbitration, and the city's mayor said she had written to the transport minister asking for the government to appoint a mediator before the dispute spread to rail freight yards.

Talks are not expected to resume before Thursday at the earliest, according to people familiar with the negotiations, who asked not to be named because they were not authorised to speak publicly.
"""

UNRELATED = """\
The city council voted on Wednesday evening to cut the opening hours of four branch libraries from next month, despite a petition signed by more than 6,000 residents who asked councillors to find the savings elsewhere.

Under the plan, the branches in Millfield, Upper Down, Carver Street and the old market hall will close on Mondays and Tuesdays, and will shut at five o'clock instead of eight on the other weekdays. The central library will keep its current hours.

Council leader Priya Venkat said the decision had been painful but unavoidable after the government reduced the grant the council receives for local services by almost a tenth over two years. She said no library would close and no staff would lose their jobs.

Opposition councillors argued that the change would hit children and older people hardest, because the evening hours are when many families use the branches for homework clubs and computer access. One councillor described the vote as a slow closure by another name.

Campaigners said they would ask volunteers to help run reading groups and job clubs in community centres on the days the branches are shut, and were considering a legal challenge to the way the council had consulted the public.

Library users will be able to return books at any branch through a drop box while the buildings are closed, and the online catalogue and electronic lending service will not be affected, the council said in a notice posted on its website.
"""

WEATHER = """\
Forecasters issued a yellow warning for heavy rain across the northern hills on Friday, saying up to 80 millimetres could fall on high ground over the weekend and rivers already swollen by a wet February could burst their banks in low-lying valleys.

The national weather service said the band of rain would arrive from the west on Saturday afternoon and move slowly eastwards, with the heaviest bursts expected overnight into Sunday. Strong gusts of up to 60 miles an hour were possible on exposed coasts.

The environment agency said it had placed flood barriers on standby in three market towns and was checking culverts and drains for blockages. Residents living near rivers were advised to sign up for flood alerts and to move valuables upstairs if water levels began to rise.

Rail operators warned of possible disruption on lines through the hill country, where landslips closed two routes for several days last winter, and said they would run fewer trains on Sunday morning if the warning was upgraded.

Farmers in the valleys said fields were already waterlogged after weeks of rain and that lambing, due to begin in many flocks next week, would be harder if livestock had to be moved to higher pastures at short notice.

Drier and colder weather is expected to follow on Monday, with a risk of frost in sheltered spots and the possibility of snow on the highest summits by the middle of next week.
"""


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]
