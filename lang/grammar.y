%include {
}
%token_type {int}
module ::= .
