package extract

import "strings"

// givenNames are common given names of the languages strata meets most
// (German, English, French, Italian, Spanish, Dutch, Polish, Nordic,
// Turkish), lowercased, accents folded (letters that do not decompose,
// "ł" and "ı", also as written). They tell a person's name from a brand or a place of two
// capitalised words where nothing else does ("Anna Berg" against
// "Statistics Globe"); a name not listed is simply not taken.
var givenNames = toSet(`
aaron adam adrian agnes alan albert alberto alejandro aleksander alex alexander alexandra alexandre alfred alice alina
amelie ana andrea andreas andrew andrzej angela angelika anja anke ann anna anne annette annika anton antoine antonio
armin arne arthur astrid axel barbara bastian beate ben benedikt benjamin bernd bernhard bertrand bettina birgit bjorn
brian bruno burkhard carina carl carla carlo carlos carmen carol caroline carsten catherine charles charlotte chris
christa christian christiane christina christine christoph christopher claire clara claudia claus constanze cornelia
daniel daniela dagmar david dennis detlef diana diego dieter dirk dominik doris dorothea edith eduard elena elisabeth
elke ellen emil emily emma eric erik erika ernst eva fabian felix florian frank franz franziska friedrich gabriele
georg george gerhard gisela giulia giuseppe gregor gudrun gunter gunther hannah hanna hans harald hartmut heike heinrich
heinz helena helga helmut hendrik henning henrik herbert hermann hilde holger horst hubert ida ilse ina ines ingo
ingrid irene iris isabel isabella isabelle ivan jacob jakob james jan jana jane janina jasmin javier jean jeanette
jennifer jens jessica joachim johann johanna johannes john jonas jonathan jorg jose josef joseph juan judith julia
julian juliane julien julius jurgen justin jutta kai karin karl karla karoline katharina kathrin katja katrin kerstin
kevin klaus konrad kristina kurt lara lars laura lea lena leo leon lisa lorenz lothar louis luca lucas lucia ludwig
luis lukas lutz magdalena maja manfred manuel manuela marc marcel marco marcus maren margarete maria marie marina mario
marion mark markus marta martha martin martina mary mathias matthias max maximilian mechthild melanie michael michaela
michel michelle miriam monika moritz nadine natalie nicolas niklas nico nicole nils nina norbert oliver olivia oskar
otto pascal patricia patrick paul paula peter petra philipp philippe pia pierre rainer ralf ralph rebecca regina
reinhard renate rene richard robert roland roman rosa rudolf ruth sabine sabrina sandra sara sarah sascha sebastian
silke silvia simon simone sofia sonja sophie stefan stefanie steffen stephan stephanie steven susanne sven svenja
swen tanja thomas thorsten tilman tim timo tobias tom torsten udo ulla ulrich ulrike ursula uta ute uwe valentin
vanessa vera veronika viktor viktoria vincent volker walter werner wilhelm william wolfgang yvonne
aurelie bernard brigitte celine christophe claude denis didier dominique francois francoise frederic gerard guillaume
helene jacques laurent marc michele monique nathalie olivier sandrine sebastien stephane sylvie thierry valerie veronique
yves emilie alain andre reiner rolf dietmar egon gerd gert heiko heidi jochen olaf rudiger sigrid waltraud ulf uli
ingeborg hildegard marianne gabi heidrun marlene amy anthony ashley betty brandon bruce deborah donald donna dorothy
douglas edward elizabeth frances gary gregory harold heather helen henry jack jason jeffrey jeremy jerry joan joe
joshua joyce julie karen katherine kathleen keith kelly kenneth kimberly larry linda margaret matthew megan melissa
nancy nicholas pamela raymond ronald russell ryan samuel scott sharon shirley stephen susan teresa timothy tyler
alessandro francesco giovanni luigi matteo paolo roberto stefano chiara federica pablo miguel pedro fernando francisco
jorge rafael ricardo sergio mehmet mustafa ahmet ali ayse fatma emine hasan huseyin ibrahim ismail kazim murat yusuf
zeynep elif emre piotr krzysztof tomasz pawel marcin michal katarzyna malgorzata agnieszka joanna ewa pieter jeroen
sanne anders kjell johan kazım paweł michał małgorzata
`)

// toSet returns the words of s as a set.
func toSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(s) {
		set[w] = true
	}
	return set
}

// isGivenName reports whether the first word of name is a common given
// name, accents folded ("Jürgen" as "jurgen").
func isGivenName(name string) bool {
	first, _, _ := strings.Cut(name, " ")
	return givenNames[foldLetters(first, false)]
}
