// Short news articles written for these tests (never copied from a real article), one per family of attribution patterns.

/** Plain text, curly quotes: said / said X / told / according to / wrote / in an interview / anonymous source / titles, terms, nicknames / nested quotes / figures. */
export const RIVERTON = `Riverton approves a bridge it cannot yet pay for
By A. Writer
The city council of Riverton voted on Tuesday to build a new bridge over the Mill River, a project expected to cost $120 million.
“We will open the bridge before the spring floods,” Mayor Elena Vasquez said after the vote.
“The budget is tight,” said Tom Reilly, the city’s finance director. “But it is not broken.”
Ms. Vasquez said: “Nobody in Riverton will pay more tax for this.” She added that the state had promised to cover “most of the cost.”
Dr. Amina Okafor, a hydrologist at the University of Lagos, told reporters on Monday that the river was “running out of patience.”
According to the Harbor Authority, the work “will not disrupt shipping on the lower river.”
In a letter to the council, Senator Raj Patel wrote that the plan was “a gift to developers.”
Mr. Reilly, in an interview last month, added that “the numbers do not lie.”
A senior city official, who spoke on condition of anonymity because the talks were private, said the schedule was “optimistic at best.” The official said, “We have no choice but to start now.”
Mr. Reilly praised Dr. Okafor’s report on the river. He called it “the best work anyone has done on the Mill in years.”
The report, “Rivers in Retreat,” was published by the so-called “green caucus” of the council, whose leader, Joaquín “El Chapo” Ruiz, did not comment.
“I told them, ‘Wait for the survey,’ and they waited,” Ms. Okafor said.
Construction of 3,000 tons of steel and 45 trucks is planned, with about $2.5 billion in bonds over 20 years.`;

/** Straight quotes, blank-line paragraphs: she/he across names, the ministry, present-tense says, a quotation running on into the next paragraph, a country as speaker. */
export const FERRIES = `Ferry operator cuts routes as fuel costs rise

"We had to choose between the routes and the company," said Karin Holm, the chief executive of Nordic Ferries. "We chose the company."

Ms. Holm told investors on Wednesday that fuel now made up "almost half of every ticket." Her deputy, Lars Berg, sat beside her. She said the cuts were "painful but temporary."

The Transport Ministry said in a statement that it would "study every option." The ministry added: "No island will be left without a ferry."

"It is a betrayal," says Ingrid Dahl, who has run a café on the island of Sol for 30 years. "Who will come here now?"

Mr. Berg later posted on social media that the company "heard the islanders." He wrote: "We will meet them next week.

"Nothing is final until we have listened."

"Everything will be fine," it said.

Norway said it would "not tolerate" any gap in service.`;

/** HTML with a head, styles, scripts that hold quotation marks, entities, nested quotes and a <q> element. */
export const CHIPMAKER_HTML = `<!doctype html>
<html><head><title>Ignore me “not a quote”</title>
<style>p::before { content: "“styled”"; }</style>
<script>var s = "<p>“Injected quote,” said Nobody.</p>";</script>
</head>
<body>
<nav>Home &raquo; Business</nav>
<article>
<h1>Chipmaker opens plant in Dresden</h1>
<p>Silica Works, a chipmaker based in Austin, opened a plant in Dresden on Friday. Its chief executive, Priya Raman, called the plant &ldquo;the most advanced in Europe.&rdquo;</p>
<p>&ldquo;When people told me, &lsquo;You can&rsquo;t build here,&rsquo; I listened and then built anyway,&rdquo; Ms. Raman said in an interview with <a href="#">The Dresden Post</a>.</p>
<p>Asked whether the plant would hire locally, she replied: &ldquo;Nine in ten workers will be from Saxony.&rdquo;</p>
<p>The company said it had received &euro;1.2 billion in subsidies.</p>
<script>document.write("“Another fake,” he said.")</script>
<p>Critics call it a <q>subsidy race</q>.</p>
</article>
</body></html>`;

/** Markdown: a blockquote, a link in a name, a list of quotes, a code block that is not article text. */
export const LIBRARY_MARKDOWN = `# Library to stay open on Sundays

*By A. Writer*

The town library will open on Sundays from May, **the town board** decided on Thursday.

> "Reading should not wait for Monday," said [Hannah Cole](https://example.com), the head librarian.

Board member Victor Osei told the meeting the change would cost "about as much as one streetlight."

- "We tried it last summer," he said.
- "It worked."

\`\`\`
"A quote in a code block," said Nobody.
\`\`\``;

/** British style: single quotation marks, apostrophes and a plural possessive inside a quote, Mrs without a full stop. */
export const MARKET_HALL_BRITISH = `Council delays vote on market hall

The council's leader, Margaret Hughes, said the plan was 'not dead, merely resting'.

'We need another month,' Mrs Hughes said. 'The traders deserve that much.'

Opposition councillor Dev Shah said the delay was 'a disgrace'. He added: 'The traders' patience is gone.'`;

/** A headline, a blank line, then one line per paragraph: ages, an anonymous spokeswoman for someone, a possessive apposition, a statement as attribution. */
export const SIGNING = `Striker signs for record fee

“I always dreamed of playing here,” said Luca Moretti, 24, after signing on Saturday.
A spokeswoman for the club, who asked not to be named, said the fee was “the highest in our history.”
“He is a special player,” the coach, Sofia Brandt, told The Daily Ledger. “We need him now.”
Moretti’s agent, Paulo Reis, described the talks as “long, hard and fair.”
The club’s owner has called the signing “a statement of intent,” according to two people familiar with the deal.
“This is only the beginning,” Moretti wrote on Instagram. His former club, FC Lumen, said in a statement that it wished him “every success.”
Asked about the fee, Ms. Brandt said: “Money does not score goals. Players do.”
The deal, worth €85 million, runs until 2031.`;
