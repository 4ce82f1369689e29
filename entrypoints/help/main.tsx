import { render } from 'preact';
import '../../assets/main.css';
import { HelpPage } from '../../components/help/HelpPage';

render(<HelpPage />, document.getElementById('app')!);
// The page is rendered after load: go to the section the link named (help.html#templates).
if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
