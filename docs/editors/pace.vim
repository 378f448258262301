" Vim syntax file for Pace rule files (*.pace).
" Install: copy to ~/.vim/syntax/pace.vim and add to your vimrc
"   autocmd BufRead,BufNewFile *.pace setfiletype pace
if exists("b:current_syntax")
  finish
endif

" Keywords are case-insensitive; names are not.
syntax case ignore
syntax keyword paceItem      period fiscal year starts metric measure include rule
syntax keyword paceClause    when then until repeat every per for where
syntax keyword paceOperator  and or not drops rises by over
syntax keyword paceAction    assign coaching adjust quota goal to notify schedule review flag
syntax keyword paceModifier  priority low medium high due in owner expect within
syntax keyword paceScope     team manager rep
syntax keyword paceUnit      day days week weeks month months quarter quarters point points
syntax keyword paceTopic     MEDDIC SPIN Challenger NEAT OKR
syntax case match

syntax keyword paceFunction  abs min max avg sum team_avg team_sum team_min team_max activity_count
syntax match   paceNumber    "\<\d[0-9_]*\(\.\d[0-9_]*\)\=\([eE][+-]\=\d\+\)\=[kKmM%xX]\="
syntax match   paceCompare   "<=\|>=\|!=\|==\|[<>=]"
syntax match   paceEscape    contained "\\[\"\\]"
syntax match   paceField     contained "{[a-z_][a-z0-9_]*}"
syntax region  paceString    start=+"+ skip=+\\[\"\\]+ end=+"+ end=+$+ contains=paceEscape,paceField
syntax match   paceComment   "#.*$" contains=@Spell

highlight default link paceItem      Statement
highlight default link paceClause    Keyword
highlight default link paceOperator  Operator
highlight default link paceAction    Function
highlight default link paceModifier  Type
highlight default link paceScope     Identifier
highlight default link paceUnit      Type
highlight default link paceTopic     Constant
highlight default link paceFunction  Function
highlight default link paceNumber    Number
highlight default link paceCompare   Operator
highlight default link paceEscape    SpecialChar
highlight default link paceField     Special
highlight default link paceString    String
highlight default link paceComment   Comment

let b:current_syntax = "pace"
