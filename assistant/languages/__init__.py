"""The hearing step: words of other languages and ways of speaking, said in an English request, read
as the English the rest of the pipeline understands ("TV band karo" → "turn off TV", "tfi el daw bel
matbakh" → "turn off the light in the kitchen", "switch aff the big light" → "switch off …").

Each reader is one module with one shape: `is_mixed(text)` says whether its markers are in the words
(a word no English word is spelt as), and `in_english(text, names)` reads them, never touching a
word of the home's own `names`. `in_english` below runs them in a fixed order, each on the output of
the one before (`hearing.in_english`):

| reader | reads |
|---|---|
| `spoken_letters` | letters said one by one ("the a c": the AC), spoken input only |
| `dialect` | Caribbean creole ("mek di fan come on"), then plain words for slang verbs ("cut 'em on") |
| `hinglish` (`hindi_words`) | Hindi and Urdu in Roman letters ("kal subah 7 baje yaad dilana") |
| `regional` | Scots, Polish, Tagalog, German, Afrikaans, isiXhosa words, one module each ("doon", "nieważne", "pakipatay") |
| `arabizi` (`arabic_words`) | Arabic in Roman letters ("dawwi el daw bel majlis") |
| `shorthand` | typed shorthand ("nvm", "pls", "tmrw") |
| `foreign_time` | times in Spanish and French ("en diez minutos") |
| `abroad` | Spanish and French requests ("allume la lumière de l'entrée") |
"""
